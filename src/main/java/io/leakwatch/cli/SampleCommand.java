package io.leakwatch.cli;

import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.files.Json;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code leakwatch sample <pid>} or {@code leakwatch sample --main-class REGEX}: one sample of
 * each local JVM selected, printed; the same selectors as a config's {@code pid} and {@code mainClass}.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Force a GC in a local JVM (by pid, or every JVM whose main class matches) and print its live heap "
                + "and class histogram.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "process id of a local JVM")
    private Long pid;

    @Option(names = "--main-class", paramLabel = "REGEX",
            description = "instead of a PID: every local JVM whose main class or display name matches (found anywhere)")
    private Pattern mainClass;

    @Option(names = "--json", description = "print the whole sample as JSON")
    private boolean json;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25", description = "types to list (default: ${DEFAULT-VALUE})")
    private int top;

    @Option(names = "--attach-timeout", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.class, description = "default: ${DEFAULT-VALUE}")
    private Duration attachTimeout;

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class, description = "default: ${DEFAULT-VALUE}")
    private Duration callTimeout;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if ((pid == null) == (mainClass == null) || (pid != null && pid <= 0) || top < 0) {
            err.println("leakwatch: give either a positive PID or --main-class REGEX, and --top not negative");
            return Main.EXIT_USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        TargetSelector selector = pid != null ? new TargetSelector.Pid(pid) : new TargetSelector.MainClass(mainClass);
        String what = pid != null ? "pid " + pid : "main class /" + mainClass + "/";
        try (TargetSampler sampler = new AttachTargetSamplerFactory(clock).create(pid != null ? "pid-" + pid : "main-class",
                selector, new SamplingOptions(attachTimeout, callTimeout))) {
            List<SampleOutcome> outcomes = sampler.sampleAll();
            int code = 0;
            boolean first = true;
            for (SampleOutcome outcome : outcomes) {
                if (outcome instanceof SampleOutcome.Failed f) {
                    err.printf("leakwatch: cannot sample %s (%s): %s%n", what, f.kind().label(), f.message());
                    code = Main.EXIT_FAILURE;
                    continue;
                }
                SampleOutcome.Sampled s = (SampleOutcome.Sampled) outcome;
                if (!first && !json) {
                    out.println();
                }
                first = false;
                if (json) {
                    out.println(Json.PRETTY.writeValueAsString(s.sample()));
                } else {
                    SampleTable.print(s.sample(), top, out);
                }
            }
            out.flush();
            err.flush();
            return code;
        }
    }
}
