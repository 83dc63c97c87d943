package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.model.Sample;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Helpers shared by the attach integration tests. */
final class Targets {

    static final String LEAKED = CommandTarget.Leaked.class.getName();

    private Targets() {
    }

    /** Asks a {@link CommandTarget} to allocate {@code n} more leaked objects and waits for it. */
    static void grow(ChildJvm jvm, int n) throws IOException, InterruptedException {
        OutputStream in = jvm.process().getOutputStream();
        in.write(("grow " + n + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        jvm.awaitLine("grown", Duration.ofSeconds(30));
    }

    /** Sends a {@link CommandTarget} a command answered by {@code done} ({@code churn M}, {@code gc}) and waits. */
    static void command(ChildJvm jvm, String command) throws IOException, InterruptedException {
        OutputStream in = jvm.process().getOutputStream();
        in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
        jvm.awaitLine("done", Duration.ofSeconds(30));
    }

    static Sample sampled(SampleOutcome outcome) {
        assertThat(outcome).as("outcome %s", outcome).isInstanceOf(SampleOutcome.Sampled.class);
        return ((SampleOutcome.Sampled) outcome).sample();
    }

    static Sample single(List<SampleOutcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        return sampled(outcomes.get(0));
    }

    static SampleOutcome.Failed failed(List<SampleOutcome> outcomes) {
        assertThat(outcomes).hasSize(1);
        assertThat(outcomes.get(0)).as("outcome %s", outcomes.get(0)).isInstanceOf(SampleOutcome.Failed.class);
        return (SampleOutcome.Failed) outcomes.get(0);
    }

    static long instancesOf(Sample sample, String className) {
        return sample.histogram().entries().stream()
                .filter(e -> e.className().equals(className))
                .mapToLong(HistogramEntry::instances)
                .sum();
    }
}
