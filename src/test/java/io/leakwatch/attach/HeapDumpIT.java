package io.leakwatch.attach;

import static io.leakwatch.attach.Targets.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The heap-dump call capture uses: a connection to the sampled JVM, then HotSpotDiagnostic dumpHeap. */
class HeapDumpIT {

    private final AttachTargetSamplerFactory factory = new AttachTargetSamplerFactory(Clock.systemUTC());
    private final SamplingOptions options = new SamplingOptions(Duration.ofSeconds(10), Duration.ofSeconds(20));

    @Test
    void dumpsTheHeapOfTheSampledJvm(@TempDir Path dir) throws Exception {
        TargetSelector selector;
        try (ChildJvm jvm = ChildJvm.start(CommandTarget.class)) {
            selector = new TargetSelector.Pid(jvm.pid());
            Sample sample;
            try (TargetSampler sampler = factory.create("app", selector, options)) {
                sample = single(sampler.sampleAll());
            }
            Path dump = dir.resolve("app.hprof");
            try (JvmConnection connection = factory.connect(selector, sample.identity(), options)) {
                connection.dumpHeap(dump.toString(), Duration.ofSeconds(60));
                assertThatThrownBy(() -> connection.dumpHeap(dump.toString(), Duration.ofSeconds(60)))
                        .isInstanceOf(JvmCallException.class)
                        .satisfies(e -> assertThat(((JvmCallException) e).kind()).isEqualTo(FailureKind.BAD_RESPONSE));
            }
            try (InputStream in = Files.newInputStream(dump)) {
                assertThat(new String(in.readNBytes(18), StandardCharsets.US_ASCII)).isEqualTo("JAVA PROFILE 1.0.2");
            }
            assertThat(Files.size(dump)).isGreaterThan(100_000);

            TargetIdentity older = new TargetIdentity(sample.identity().pid(), sample.identity().startTimeMillis() - 1,
                    sample.identity().mainClass(), sample.identity().vmVersion());
            assertThatThrownBy(() -> factory.connect(selector, older, options))
                    .isInstanceOf(JvmCallException.class)
                    .hasMessageContaining("not the sampled pid")
                    .satisfies(e -> assertThat(((JvmCallException) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
        }
    }
}
