package io.leakwatch.attach;

import static io.leakwatch.attach.Targets.command;
import static io.leakwatch.attach.Targets.grow;
import static io.leakwatch.attach.Targets.instancesOf;
import static io.leakwatch.attach.Targets.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SampleTier;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.Escalations;
import io.leakwatch.sample.PausePolicy;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The zero-pause tier on real JVMs: with a budget that allows no regular histogram, each sample is
 * the live heap the target's own last collection reported, with no pause; it follows the target's
 * own collections (a leak of a million objects shows after the target's System.gc()), and the heap
 * maximum comes along. Local (attach) and remote (JMX URL) targets, G1, Serial, Parallel, ZGC and
 * Shenandoah on the JDK the tests run on (17), generational ZGC on JDK 25 when installed.
 * An escalation then takes a histogram without forced GC ({@code -all}) that sees the leak.
 */
class GcReportedTierIT {

    private static final long MIB = 1L << 20;
    /** No regular histogram within a test's lifetime, escalation allowed. */
    private static final PausePolicy NONE_DUE = new PausePolicy(1e-9, Duration.ofMinutes(1), Duration.ofMinutes(1),
            Duration.ofHours(1));
    private final SamplingOptions options = new SamplingOptions(Duration.ofSeconds(10), Duration.ofSeconds(20), NONE_DUE);
    private final AttachTargetSamplerFactory factory = new AttachTargetSamplerFactory(Clock.systemUTC(),
            AttachSettings.defaults().withBackOff(new BackOff(Duration.ZERO, Duration.ZERO)));

    @ParameterizedTest(name = "{0} {1} remote={2}")
    @CsvSource({
            "17, -XX:+UseG1GC, false",
            "17, -XX:+UseSerialGC, false",
            "17, -XX:+UseParallelGC, false",
            "17, -XX:+UseZGC, false",
            "17, -XX:+UseShenandoahGC, false",
            "17, -XX:+UseG1GC, true",
            "25, -XX:+UseZGC, false",
    })
    void liveHeapFollowsTheTargetsOwnCollectionsWithoutPause(int jdk, String collector, boolean remote)
            throws Exception {
        Path java = jdk == 25 ? ChildJvm.jdk25OrNull() : ChildJvm.currentJava();
        org.junit.jupiter.api.Assumptions.assumeTrue(java != null, "JDK 25 not installed");
        int port = remote ? freePort() : 0;
        List<String> flags = new ArrayList<>(List.of("-Xmx96m", collector));
        if (remote) {
            flags.addAll(List.of("-Dcom.sun.management.jmxremote.port=" + port,
                    "-Dcom.sun.management.jmxremote.rmi.port=" + port, "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                    "-Djava.rmi.server.hostname=127.0.0.1", "-Dcom.sun.management.jmxremote.ssl=false",
                    "-Dcom.sun.management.jmxremote.authenticate=false"));
        }
        try (ChildJvm jvm = ChildJvm.builder(CommandTarget.class).java(java).jvmOptions(flags.toArray(String[]::new))
                .start()) {
            TargetSelector selector = remote
                    ? new TargetSelector.JmxUrl("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi", null, null)
                    : new TargetSelector.Pid(jvm.pid());
            try (TargetSampler sampler = factory.create("tiers", selector, options)) {
                command(jvm, "gc");
                Sample before = single(sampler.sampleAll());
                assertThat(before.tier()).isEqualTo(SampleTier.GC_REPORTED);
                assertThat(before.histogram().entries()).isEmpty();
                assertThat(before.pause()).isZero();
                assertThat(before.heapMaxBytes()).isBetween(64 * MIB, 96 * MIB);
                assertThat(before.liveHeapBytes()).isPositive();

                grow(jvm, 1_000_000);
                command(jvm, "churn 64");
                command(jvm, "gc");
                Sample after = single(sampler.sampleAll());
                assertThat(after.tier()).isEqualTo(SampleTier.GC_REPORTED);
                assertThat(after.pause()).isZero();
                // a million objects of at least 16 bytes: 16 MB more after the target's GC, well above
                // ZGC's granularity (it reports used memory in 2 MB pages)
                assertThat(after.liveHeapBytes() - before.liveHeapBytes()).as("growth seen by the target's GC")
                        .isGreaterThan(16_000_000L);

                factory.escalations().escalate("tiers", new Escalations.Escalation("test", false));
                Sample escalated = single(sampler.sampleAll());
                assertThat(escalated.tier()).isEqualTo(SampleTier.HISTOGRAM_NO_GC);
                assertThat(instancesOf(escalated, Targets.LEAKED)).isEqualTo(1_000_000);
                factory.escalations().settle("tiers");
                assertThat(single(sampler.sampleAll()).tier()).isEqualTo(SampleTier.GC_REPORTED);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
