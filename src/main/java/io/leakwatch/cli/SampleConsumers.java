package io.leakwatch.cli;

import io.leakwatch.demo.DemoConsole;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.schedule.SampleLogListener;
import java.util.ArrayList;
import java.util.List;

/**
 * What consumes each round of samples besides the exporters, for {@code run} and for {@code demo}:
 * the log or the console, then the leak pipeline (marker agent loading, growth detection, which
 * hands confirmed leaks to capture and alerts).
 */
final class SampleConsumers {

    private SampleConsumers() {
    }

    /** The daemon's consumers: the per-sample log line, then the pipeline. */
    static List<SampleListener> forRun(LeakPipeline pipeline) {
        List<SampleListener> consumers = new ArrayList<>();
        consumers.add(new SampleLogListener());
        consumers.addAll(pipeline.listeners());
        return consumers;
    }

    /** The demo's consumers: the console printout, then the pipeline. */
    static List<SampleListener> forDemo(DemoConsole console, LeakPipeline pipeline) {
        List<SampleListener> consumers = new ArrayList<>();
        consumers.add(console);
        consumers.addAll(pipeline.listeners());
        return consumers;
    }
}
