package io.leakwatch.attach;

import static io.leakwatch.attach.Targets.failed;
import static io.leakwatch.attach.Targets.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.attach.targets.CommandTarget;
import io.leakwatch.capture.HeapHoldingMain;
import io.leakwatch.model.Sample;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults not covered by {@link AttachFailuresIT}: no threads or file descriptors left behind by
 * many failed samples, a target killed while the histogram call is in flight, a target killed
 * during {@link JvmConnection#dumpHeap}, and a target restarted under the same main class.
 */
class FailureCyclesIT {

    private static final int CYCLES = 200;
    private static final Duration CALL = Duration.ofSeconds(20);
    private final SamplingOptions options = new SamplingOptions(Duration.ofSeconds(5), CALL);
    private final AttachTargetSamplerFactory noBackOff = new AttachTargetSamplerFactory(Clock.systemUTC(),
            AttachSettings.defaults().withBackOff(new BackOff(Duration.ZERO, Duration.ZERO)));

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** The live threads by id, with their names, so that a failure says which threads are new. */
    private static Map<Long, String> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .collect(Collectors.toMap(Thread::getId, Thread::getName, (a, b) -> a, TreeMap::new));
    }

    private static List<String> newThreads(Map<Long, String> before) {
        Map<Long, String> now = liveThreads();
        now.keySet().removeAll(before.keySet());
        return List.copyOf(now.values());
    }

    @Test
    void twoHundredFailureCyclesLeaveNoThreadOrFileDescriptorBehind() throws Exception {
        long deadPid;
        try (ChildJvm doomed = ChildJvm.start(CommandTarget.class)) {
            deadPid = doomed.pid();
            doomed.kill();
        }
        try (ChildJvm refusing = ChildJvm.builder(CommandTarget.class)
                .jvmOptions("-Xmx64m", "-XX:+UseSerialGC", "-XX:+DisableAttachMechanism").start();
             TargetSampler deadSampler = noBackOff.create("dead", new TargetSelector.Pid(deadPid), options);
             TargetSampler refusedSampler = noBackOff.create("refusing", new TargetSelector.Pid(refusing.pid()), options)) {
            TargetSelector refusingPid = new TargetSelector.Pid(refusing.pid());
            // one round first, so that lazily made pools and caches are not counted as leaks
            cycle(deadSampler, refusedSampler, deadPid, refusingPid);
            long fdsBefore = openFds();
            Map<Long, String> threadsBefore = liveThreads();

            long start = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                cycle(deadSampler, refusedSampler, deadPid, refusingPid);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("failures answer quickly").isLessThan(Duration.ofSeconds(120));
            assertThat(openFds()).as("file descriptors after %d cycles", CYCLES).isLessThanOrEqualTo(fdsBefore + 3);
            assertThat(newThreads(threadsBefore)).as("threads made during %d cycles and still alive", CYCLES).hasSizeLessThanOrEqualTo(3);
            assertThat(noBackOff.activeCallThreads()).isLessThanOrEqualTo(2);
        }
    }

    /** A failed sample from long-lived samplers and from fresh ones, closed at once. */
    private void cycle(TargetSampler dead, TargetSampler refused, long deadPid, TargetSelector refusingPid) {
        assertThat(failed(dead.sampleAll()).kind()).isEqualTo(FailureKind.NOT_FOUND);
        assertThat(failed(refused.sampleAll()).kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
        try (TargetSampler fresh = noBackOff.create("fresh-dead", new TargetSelector.Pid(deadPid), options);
             TargetSampler freshRefused = noBackOff.create("fresh-refused", refusingPid, options)) {
            assertThat(failed(fresh.sampleAll()).kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(failed(freshRefused.sampleAll()).kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
        }
    }

    @Test
    void aTargetKilledWhileTheHistogramCallIsInFlightFailsFastAndOthersGoOn() throws Exception {
        try (ChildJvm doomed = ChildJvm.start(CommandTarget.class);
             ChildJvm other = ChildJvm.start(CommandTarget.class);
             TargetSampler doomedSampler = noBackOff.create("doomed", new TargetSelector.Pid(doomed.pid()), options);
             TargetSampler otherSampler = noBackOff.create("other", new TargetSelector.Pid(other.pid()), options)) {
            single(doomedSampler.sampleAll());
            int threadsBefore = noBackOff.activeCallThreads();
            // Stopped, the target cannot answer: the next sample's first remote call (the histogram)
            // is surely in flight when the SIGKILL lands.
            doomed.suspend();
            long start = System.nanoTime();
            CompletableFuture<List<SampleOutcome>> inFlight = CompletableFuture.supplyAsync(doomedSampler::sampleAll);
            Thread.sleep(1000);
            assertThat(inFlight).as("the call waits on the stopped target").isNotDone();
            doomed.kill();

            SampleOutcome.Failed failure = failed(inFlight.get(CALL.toSeconds(), TimeUnit.SECONDS));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(failure.kind()).as(failure.message()).isIn(FailureKind.NOT_FOUND, FailureKind.CONNECTION_FAILED);
            assertThat(took).as("a dead peer fails the call, without waiting for the call timeout").isLessThan(CALL);
            assertThat(single(otherSampler.sampleAll()).identity().pid()).isEqualTo(other.pid());
            SampleOutcome.Failed next = failed(doomedSampler.sampleAll());
            assertThat(next.kind()).isEqualTo(FailureKind.NOT_FOUND);
            assertThat(next.message()).contains("no process with pid " + doomed.pid());
            assertThat(noBackOff.activeCallThreads()).isLessThanOrEqualTo(threadsBefore + 1);
        }
    }

    @Test
    void aTargetKilledDuringDumpHeapFailsTheCallAndBreaksTheConnection(@TempDir Path dir) throws Exception {
        try (ChildJvm target = ChildJvm.builder(HeapHoldingMain.class).jvmOptions("-Xmx512m", "-XX:+UseSerialGC")
                .args("300").start();
             TargetSampler sampler = noBackOff.create("dumped", new TargetSelector.Pid(target.pid()), options)) {
            Sample sample = single(sampler.sampleAll());
            JvmConnection connection = noBackOff.connect(new TargetSelector.Pid(target.pid()), sample.identity(), options);
            Path dump = dir.resolve("heap.hprof");
            CompletableFuture<Void> killer = CompletableFuture.runAsync(() -> target.killOnceWriting(dump));

            long start = System.nanoTime();
            assertThatThrownBy(() -> connection.dumpHeap(dump.toString(), Duration.ofSeconds(60)))
                    .isInstanceOfSatisfying(JvmCallException.class, e -> assertThat(e.kind()).as(e.getMessage())
                            .isIn(FailureKind.CONNECTION_FAILED, FailureKind.NOT_FOUND));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
            killer.get(30, TimeUnit.SECONDS);
            assertThat(connection.broken()).isTrue();
            assertThatThrownBy(connection::classHistogram).isInstanceOfSatisfying(JvmCallException.class,
                    e -> assertThat(e.kind()).isEqualTo(FailureKind.CONNECTION_FAILED));
            assertThat(failed(sampler.sampleAll()).kind()).isEqualTo(FailureKind.NOT_FOUND);
        }
    }


    @Test
    void aTargetRestartedUnderTheSameMainClassIsANewIdentity() throws Exception {
        String tag = "restart-" + UUID.randomUUID();
        TargetSelector selector = new TargetSelector.MainClass(Pattern.compile(Pattern.quote(tag)));
        try (TargetSampler sampler = noBackOff.create("service", selector, options)) {
            Sample before;
            try (ChildJvm first = ChildJvm.start(CommandTarget.class, "0", tag)) {
                before = single(sampler.sampleAll());
                assertThat(before.identity().pid()).isEqualTo(first.pid());
                first.kill();
                assertThat(failed(sampler.sampleAll()).kind()).isEqualTo(FailureKind.NOT_FOUND);
            }
            try (ChildJvm second = ChildJvm.start(CommandTarget.class, "0", tag)) {
                Sample after = single(sampler.sampleAll());
                assertThat(after.identity().pid()).isEqualTo(second.pid());
                assertThat(after.identity().sameProcess(before.identity())).isFalse();
                assertThat(after.identity().mainClass()).isEqualTo(before.identity().mainClass());
            }
        }
    }
}
