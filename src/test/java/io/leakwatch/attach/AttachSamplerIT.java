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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Attaches to real JVMs (JDK 17 and 25) and samples them. */
class AttachSamplerIT {

    /** The safepoint log lets the test check the pause the sampler reports against the JVM's own account. */
    private static final String[] JVM_OPTIONS = {"-Xmx128m", "-XX:+UseSerialGC", "-Xlog:safepoint"};
    private static final Pattern HEAP_INSPECTION = Pattern.compile(
            "Safepoint \"GC_HeapInspection\".*At safepoint: (\\d+) ns.*Total: (\\d+) ns");
    private static final Pattern SAFEPOINT = Pattern.compile("Safepoint \".*Total: (\\d+) ns");

    private final AttachTargetSamplerFactory factory = new AttachTargetSamplerFactory(Clock.systemUTC());
    private final SamplingOptions options = new SamplingOptions(Duration.ofSeconds(10), Duration.ofSeconds(20));

    @Test
    void samplesAJdk17TargetAndSeesItsTypeGrow() throws Exception {
        try (ChildJvm jvm = ChildJvm.builder(CommandTarget.class).jvmOptions(JVM_OPTIONS).args("0", "markers").start();
             TargetSampler sampler = factory.create("app", new TargetSelector.Pid(jvm.pid()), options)) {
            assertGrowthIsSeen(jvm, sampler, "17");
        }
    }

    @Test
    void samplesAJdk25TargetWithG1() throws Exception {
        Path java25 = ChildJvm.jdk25OrNull();
        Assumptions.assumeTrue(java25 != null, "JDK 25 not installed at /usr/lib/jvm/temurin-25-jdk-amd64; skipping");
        try (ChildJvm jvm = ChildJvm.builder(CommandTarget.class).java(java25)
                .jvmOptions("-Xmx128m", "-XX:+UseG1GC", "-Xlog:safepoint").args("0", "markers").start();
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
        assertPauseMatchesTheSafepointLog(jvm, List.of(first, second, third));
        assertThat(second.takenAt()).isAfterOrEqualTo(first.takenAt());
    }

    /**
     * Each sample ran one GC_HeapInspection safepoint (the histogram's GC and heap walk). The pause
     * the sampler reports must cover the time the JVM logged at that safepoint, and may exceed its
     * total only by other safepoints the JVM logged between the neighbouring heap inspections.
     */
    private static void assertPauseMatchesTheSafepointLog(ChildJvm jvm, List<Sample> samples) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (jvm.output().stream().filter(l -> HEAP_INSPECTION.matcher(l).find()).count() < samples.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(20); // the child's output is pumped by another thread
        }
        List<long[]> inspections = new ArrayList<>();
        List<Long> othersBefore = new ArrayList<>();
        long others = 0;
        for (String line : jvm.output()) {
            Matcher inspection = HEAP_INSPECTION.matcher(line);
            Matcher any = SAFEPOINT.matcher(line);
            if (inspection.find()) {
                inspections.add(new long[] {Long.parseLong(inspection.group(1)), Long.parseLong(inspection.group(2))});
                othersBefore.add(others);
                others = 0;
            } else if (any.find()) {
                others += Long.parseLong(any.group(1));
            }
        }
        othersBefore.add(others);
        assertThat(inspections).as("GC_HeapInspection safepoints in %s", jvm.output()).hasSize(samples.size());
        for (int i = 0; i < samples.size(); i++) {
            long pause = samples.get(i).pause().toNanos();
            long othersAround = othersBefore.get(i) + othersBefore.get(i + 1);
            assertThat(pause).as("pause of sample %d vs logged %s, other safepoints %d ns", i,
                            Arrays.toString(inspections.get(i)), othersAround)
                    .isGreaterThanOrEqualTo(inspections.get(i)[0])
                    .isLessThanOrEqualTo(inspections.get(i)[1] + othersAround + Duration.ofMillis(1).toNanos());
            assertThat(samples.get(i).pause()).isLessThan(samples.get(i).duration());
        }
    }
}
