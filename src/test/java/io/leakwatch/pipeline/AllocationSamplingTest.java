package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.analysis.alloc.SampledObject;
import io.leakwatch.analysis.alloc.StackFrame;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The guards around recordings. The recorder here is in memory (the real one, over JMX to a real
 * JVM, is in {@code cli.AllocationSitesIT}); what is tested is when it is asked to do what.
 */
class AllocationSamplingTest {

    private static final TargetIdentity JVM = new TargetIdentity(42, 1000, "com.example.Main", "17");
    private static final TargetIdentity RESTARTED = new TargetIdentity(43, 2000, "com.example.Main", "17");
    private static final StackFrame OPEN = new StackFrame("com.example.Server", "open", 41);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-04T21:00:00Z"));
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private final AtomicBoolean refuse = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private final CountDownLatch collectReached = new CountDownLatch(1);
    /** Reading a recording ends at once unless a test holds it. */
    private CountDownLatch collectMayEnd = new CountDownLatch(0);

    private final AllocationSampling.Recorders recorders = new AllocationSampling.Recorders() {
        @Override
        public long start(String target, TargetIdentity identity, Duration duration) throws IOException {
            calls.add("start " + target + " " + duration);
            if (refuse.get()) {
                throw new IOException("the JVM has no jdk.management.jfr:type=FlightRecorder MBean");
            }
            return ids.incrementAndGet();
        }

        @Override
        public List<SampledObject> collect(String target, TargetIdentity identity, long id) {
            calls.add("collect " + target + " " + id);
            collectReached.countDown();
            try {
                if (!collectMayEnd.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("collect was never let go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new SampledObject("com.example.Session", List.of(OPEN), 5_000),
                    new SampledObject("[B", List.of(OPEN), 1_000));
        }

        @Override
        public void close(String target, TargetIdentity identity, long id) {
            calls.add("close " + target + " " + id);
        }
    };

    private AllocationSampling sampling(boolean enabled, boolean always) {
        return new AllocationSampling(new AllocationSettings(enabled, always, Duration.ofMinutes(10), List.of(), 3, 3),
                recorders, (t, o) -> events.add(t + ":" + o), clock);
    }

    @Test
    void oneRecordingPerTargetFromSuspicionToCollection() throws Exception {
        try (AllocationSampling s = sampling(true, false)) {
            s.sampled("orders", JVM, false);
            s.sampled("orders", JVM, true);
            s.sampled("orders", JVM, true);
            awaitEvents(1);
            s.sampled("orders", JVM, true);
            AllocationSites sites = s.collect("orders", JVM, List.of("com.example.Session"));
            assertThat(sites.describe()).isEqualTo("1 × com.example.Session allocated at com.example.Server.open:41 (oldest 5 s)");
            assertThat(sites.totalSamples()).isEqualTo(2);
            assertThat(s.collect("orders", JVM, List.of("com.example.Session"))).as("collected once")
                    .isEqualTo(AllocationSites.NONE);
            s.sampled("orders", JVM, true);
            awaitEvents(3);
            assertThat(calls).containsExactly("start orders PT10M", "collect orders 1", "start orders PT10M");
            assertThat(events).containsExactly("orders:started", "orders:collected", "orders:started");
        }
    }

    /**
     * A start closes any recording of LeakWatch's name it finds (a dead daemon's): while one is
     * read, a suspicion must not start another, or the read fails with "No recording available".
     */
    @Test
    void noRecordingStartsWhileOneIsRead() throws Exception {
        collectMayEnd = new CountDownLatch(1);
        ExecutorService responder = Executors.newSingleThreadExecutor();
        try (AllocationSampling s = sampling(true, false)) {
            s.sampled("orders", JVM, true);
            awaitEvents(1);
            Future<AllocationSites> read = responder.submit(() -> s.collect("orders", JVM, List.of("com.example.Session")));
            assertThat(collectReached.await(10, TimeUnit.SECONDS)).as("reading").isTrue();
            s.sampled("orders", JVM, true);
            Thread.sleep(200);
            assertThat(calls).as("nothing started while reading").containsExactly("start orders PT10M", "collect orders 1");
            collectMayEnd.countDown();
            assertThat(read.get(10, TimeUnit.SECONDS).totalSamples()).isEqualTo(2);
            s.sampled("orders", JVM, true);
            awaitEvents(3);
            assertThat(calls).containsExactly("start orders PT10M", "collect orders 1", "start orders PT10M");
        } finally {
            responder.shutdownNow();
        }
    }

    /**
     * Flight Recorder's first recording leaves about 2 MiB in the target's heap for good: the first
     * sample taken after it started in a process says so, once; a later recording does not.
     */
    @Test
    void theFirstSampleAfterTheFirstRecordingOfAProcessCarriesTheWatchersOwnStep() throws Exception {
        try (AllocationSampling s = sampling(true, false)) {
            assertThat(s.ownStep("orders", JVM, clock.instant())).as("nothing started").isFalse();
            s.histogramSeen("orders", JVM, false);
            s.sampled("orders", JVM, true);
            awaitEvents(1);
            assertThat(s.ownStep("orders", JVM, clock.instant().minusSeconds(1))).as("a sample taken before it").isFalse();
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.ownStep("orders", JVM, clock.instant())).as("the first sample after it").isTrue();
            assertThat(s.ownStep("orders", JVM, clock.instant())).as("once").isFalse();

            clock.advance(Duration.ofMinutes(11));
            s.sampled("orders", JVM, true);
            awaitEvents(2);
            assertThat(s.ownStep("orders", JVM, clock.instant())).as("a later recording leaves no step").isFalse();

            s.histogramSeen("orders", RESTARTED, false);
            s.sampled("orders", RESTARTED, true);
            awaitEvents(3);
            assertThat(s.ownStep("orders", RESTARTED, clock.instant())).as("a new process initialises it again").isTrue();
        }
    }

    /**
     * No step without a histogram that showed the process without Flight Recorder: a daemon
     * restarted beside a process its predecessor recorded in starts at once on the replayed
     * confirmation, and a process may run Flight Recorder of its own.
     */
    @Test
    void aProcessNotSeenWithoutFlightRecorderGetsNoStep() throws Exception {
        try (AllocationSampling s = sampling(true, false)) {
            s.sampled("orders", JVM, true);
            awaitEvents(1);
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.ownStep("orders", JVM, clock.instant())).as("never seen without it").isFalse();

            s.histogramSeen("orders", RESTARTED, false);
            s.histogramSeen("orders", RESTARTED, true);
            s.sampled("orders", RESTARTED, true);
            awaitEvents(2);
            clock.advance(Duration.ofSeconds(1));
            assertThat(s.ownStep("orders", RESTARTED, clock.instant())).as("initialised before our start").isFalse();
        }
    }

    @Test
    void anExpiredRecordingOrARestartedProcessGetsANewOne() throws Exception {
        try (AllocationSampling s = sampling(true, false)) {
            s.sampled("orders", JVM, true);
            awaitEvents(1);
            clock.advance(Duration.ofMinutes(11));
            s.sampled("orders", JVM, true);
            awaitEvents(2);
            assertThat(s.collect("orders", RESTARTED, List.of())).isEqualTo(AllocationSites.NONE);
            s.sampled("orders", RESTARTED, true);
            awaitEvents(3);
            assertThat(calls).containsExactly("start orders PT10M", "start orders PT10M", "start orders PT10M");
        }
    }

    @Test
    void aTargetThatCannotRecordRestsForTheDuration() throws Exception {
        refuse.set(true);
        try (AllocationSampling s = sampling(true, false)) {
            s.sampled("orders", JVM, true);
            awaitEvents(1);
            s.sampled("orders", JVM, true);
            clock.advance(Duration.ofMinutes(9));
            s.sampled("orders", JVM, true);
            Thread.sleep(200);
            assertThat(events).containsExactly("orders:start_failed");
            assertThat(s.collect("orders", JVM, List.of())).isEqualTo(AllocationSites.NONE);
            refuse.set(false);
            clock.advance(Duration.ofMinutes(2));
            s.sampled("orders", JVM, true);
            awaitEvents(2);
            assertThat(events).containsExactly("orders:start_failed", "orders:started");
        }
    }

    @Test
    void alwaysRecordsWithoutSuspicionAndDisabledNever() throws Exception {
        try (AllocationSampling always = sampling(true, true); AllocationSampling off = sampling(false, true)) {
            off.sampled("quiet", JVM, true);
            always.sampled("orders", JVM, false);
            awaitEvents(1);
            Thread.sleep(100);
            assertThat(calls).containsExactly("start orders PT10M");
        }
    }

    @Test
    void closingClosesTheRunningRecordings() throws Exception {
        AllocationSampling s = sampling(true, false);
        s.sampled("orders", JVM, true);
        awaitEvents(1);
        s.close();
        assertThat(calls).containsExactly("start orders PT10M", "close orders 1");
    }

    private void awaitEvents(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (events.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(n);
    }
}
