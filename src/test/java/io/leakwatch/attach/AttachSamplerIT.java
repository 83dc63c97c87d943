package io.leakwatch.attach;

import static io.leakwatch.attach.Targets.instancesOf;
import static io.leakwatch.attach.Targets.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Attaches to real JVMs (JDK 17 and 25) and samples them. */
class AttachSamplerIT {

    private final AttachTargetSamplerFactory factory = new AttachTargetSamplerFactory(Clock.systemUTC());
    private final SamplingOptions options = new SamplingOptions(Duration.ofSeconds(10), Duration.ofSeconds(20));

    @Test
    void samplesAJdk17TargetAndSeesItsTypeGrow() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(CommandTarget.class, "0", "markers");
             TargetSampler sampler = factory.create("app", new TargetSelector.Pid(jvm.pid()), options)) {
            assertGrowthIsSeen(jvm, sampler, "17");
        }
    }

    @Test
    void samplesAJdk25Target() throws Exception {
        Path java25 = ChildJvm.jdk25OrNull();
        Assumptions.assumeTrue(java25 != null, "JDK 25 not installed at /usr/lib/jvm/temurin-25-jdk-amd64; skipping");
        try (ChildJvm jvm = ChildJvm.builder(CommandTarget.class).java(java25).args("0", "markers").start();
             TargetSampler sampler = factory.create("app25", new TargetSelector.Pid(jvm.pid()), options)) {
            assertGrowthIsSeen(jvm, sampler, "25");
        }
    }

    private static void assertGrowthIsSeen(ChildJvm jvm, TargetSampler sampler, String vmMajor) throws Exception {
        Targets.grow(jvm, 1000);
        Sample first = single(sampler.sampleAll());
        Targets.grow(jvm, 5000);
        Sample second = single(sampler.sampleAll());
        Targets.grow(jvm, 5000);
        Sample third = single(sampler.sampleAll());

        assertThat(instancesOf(first, Targets.LEAKED)).isEqualTo(1000);
        assertThat(instancesOf(second, Targets.LEAKED)).isEqualTo(6000);
        assertThat(instancesOf(third, Targets.LEAKED)).isEqualTo(11000);

        assertThat(first.identity().pid()).isEqualTo(jvm.pid());
        assertThat(first.identity().mainClass()).isEqualTo(CommandTarget.class.getName());
        assertThat(first.identity().vmVersion()).startsWith(vmMajor);
        assertThat(third.identity().sameProcess(first.identity())).isTrue();
        assertThat(first.target()).isEqualTo(sampler.target());
        assertThat(first.histogram().entries()).extracting(e -> e.className())
                .contains("[B", "java.lang.String", "java.lang.Class", "io.leakwatch.attach.targets.CommandTarget$Ünïcødé");
        assertThat(first.histogram().entries()).filteredOn(e -> e.className().equals("java.lang.String"))
                .extracting(e -> e.module()).singleElement().asString().startsWith("java.base@" + vmMajor);
        assertThat(third.liveHeapBytes()).isGreaterThan(first.liveHeapBytes());
        assertThat(first.liveHeapBytes()).isBetween(100_000L, 256L * 1024 * 1024);
        assertThat(first.markers()).containsExactly(new MarkerSurvival("session", 3, 1500), new MarkerSurvival("request", 0, 0));
        assertThat(first.pause()).isPositive().isLessThan(first.duration());
        assertThat(second.takenAt()).isAfterOrEqualTo(first.takenAt());
    }
}
