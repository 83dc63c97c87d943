package io.leakwatch.cli;

import io.leakwatch.demo.DemoConsole;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.schedule.SampleLogListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;

/**
 * What consumes each round of samples besides the exporters, for {@code run} and for {@code demo}.
 * This is where further stages plug in (growth detection, then capture and alerts fed by it): build
 * them here with the registry for their own meters and add them to the list, in pipeline order.
 */
final class SampleConsumers {

    private SampleConsumers() {
    }

    /** The daemon's consumers: the per-sample log line. */
    static List<SampleListener> forRun(MeterRegistry registry) {
        List<SampleListener> consumers = new ArrayList<>();
        consumers.add(new SampleLogListener());
        return consumers;
    }

    /** The demo's consumers: the console printout. */
    static List<SampleListener> forDemo(MeterRegistry registry, DemoConsole console) {
        List<SampleListener> consumers = new ArrayList<>();
        consumers.add(console);
        return consumers;
    }
}
