package io.leakwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code leakwatch sample <pid>}: one sample of one local JVM, printed. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Force a GC in one local JVM and print its live heap and class histogram.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "process id of a local JVM")
    private long pid;

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
        if (pid <= 0 || top < 0) {
            spec.commandLine().getErr().println("leakwatch: PID must be positive and --top not negative");
            return Main.EXIT_USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        try (TargetSampler sampler = new AttachTargetSamplerFactory(clock).create("pid-" + pid,
                new TargetSelector.Pid(pid), new SamplingOptions(attachTimeout, callTimeout))) {
            SampleOutcome outcome = sampler.sampleAll().get(0);
            if (outcome instanceof SampleOutcome.Failed f) {
                spec.commandLine().getErr().printf("leakwatch: cannot sample pid %d (%s): %s%n", pid, f.kind().label(), f.message());
                return Main.EXIT_FAILURE;
            }
            SampleOutcome.Sampled s = (SampleOutcome.Sampled) outcome;
            if (json) {
                ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                        .enable(SerializationFeature.INDENT_OUTPUT);
                out.println(mapper.writeValueAsString(s.sample()));
            } else {
                SampleTable.print(s.sample(), top, out);
            }
            out.flush();
            return 0;
        }
    }
}
