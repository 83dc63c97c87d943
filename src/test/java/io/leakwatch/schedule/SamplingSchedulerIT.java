package io.leakwatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.cli.GrowingTarget;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The Quartz schedule with real samplers on a real JVM: a target whose rounds take longer than its
 * interval (a slow consumer downstream) never overlaps itself and has its skipped fires counted,
 * while a cron target keeps its one-second rhythm; targets added, changed and removed while it runs
 * leave the others on time, and a replaced sampler is closed only after its round in flight.
 */
class SamplingSchedulerIT {

    /** Records rounds; makes each round of {@code slowTarget} last {@code slowFor}. */
    private static final class Recorder implements SampleListener {
        final Map<String, List<Long>> roundsAtMillis = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> misfires = new ConcurrentHashMap<>();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        final String slowTarget;
        final Duration slowFor;

        Recorder(String slowTarget, Duration slowFor) {
            this.slowTarget = slowTarget;
            this.slowFor = slowFor;
        }

        final Map<String, Long> lastRoundEndMillis = new ConcurrentHashMap<>();

        @Override
        public void onRound(String target, List<SampleOutcome> outcomes) {
            try {
                round(target, outcomes);
            } finally {
                lastRoundEndMillis.put(target, System.currentTimeMillis());
            }
        }

        private void round(String target, List<SampleOutcome> outcomes) {
            assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(SampleOutcome.Sampled.class));
            roundsAtMillis.computeIfAbsent(target, t -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
            if (target.equals(slowTarget)) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(slowFor.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    inFlight.decrementAndGet();
                }
            }
        }

        @Override
        public void onMisfire(String target, int skippedFires) {
            misfires.computeIfAbsent(target, t -> new AtomicInteger()).addAndGet(skippedFires);
        }
    }

    @Test
    void slowTargetNeverOverlapsAndMisfiresAreCountedWhileCronTargetKeepsTime() throws Exception {
        Clock clock = Clock.systemUTC();
        AttachTargetSamplerFactory samplers = new AttachTargetSamplerFactory(clock);
        Recorder recorder = new Recorder("slow", Duration.ofMillis(3500));
        try (ChildJvm jvm = ChildJvm.start(GrowingTarget.class, "0")) {
            TargetSelector pid = new TargetSelector.Pid(jvm.pid());
            SamplingScheduler scheduler = new SamplingScheduler(List.of(
                    new SamplingScheduler.Entry(samplers.create("slow", pid, SamplingOptions.defaults()),
                            new Schedule.Every(Duration.ofSeconds(1))),
                    new SamplingScheduler.Entry(samplers.create("cron", pid, SamplingOptions.defaults()),
                            new Schedule.Cron("* * * * * ?"))),
                    recorder, clock);
            try (scheduler) {
                scheduler.start();
                Thread.sleep(9_000);
            }
        }
        List<Long> slow = recorder.roundsAtMillis.get("slow");
        List<Long> cron = recorder.roundsAtMillis.get("cron");
        assertThat(recorder.maxInFlight.get()).as("rounds of one target overlapping").isEqualTo(1);
        assertThat(slow).as("slow rounds in 9 s at 3.5 s each").hasSizeBetween(2, 3);
        assertThat(recorder.misfires.get("slow")).as("fires skipped while slow rounds ran").isNotNull();
        assertThat(recorder.misfires.get("slow").get()).isGreaterThanOrEqualTo(3);
        assertThat(cron).as("cron rounds in 9 s, one per second").hasSizeGreaterThanOrEqualTo(6);
        for (int i = 1; i < cron.size(); i++) {
            assertThat(cron.get(i) - cron.get(i - 1)).as("gap between cron rounds").isLessThan(2_500);
        }
    }

    /** A real sampler that notes when it was closed. */
    private static final class ClosingNoted implements TargetSampler {
        final TargetSampler real;
        final AtomicLong closedAtMillis = new AtomicLong();

        ClosingNoted(TargetSampler real) {
            this.real = real;
        }

        @Override
        public String target() {
            return real.target();
        }

        @Override
        public List<SampleOutcome> sampleAll() {
            return real.sampleAll();
        }

        @Override
        public void close() {
            closedAtMillis.compareAndSet(0, System.currentTimeMillis());
            real.close();
        }
    }

    @Test
    void targetsChangeWhileRunningWithoutDisturbingTheOthersOrTheRoundsInFlight() throws Exception {
        Clock clock = Clock.systemUTC();
        AttachTargetSamplerFactory samplers = new AttachTargetSamplerFactory(clock);
        Recorder recorder = new Recorder("slow", Duration.ofMillis(2000));
        Duration second = Duration.ofSeconds(1);
        try (ChildJvm jvm = ChildJvm.start(GrowingTarget.class, "0")) {
            TargetSelector pid = new TargetSelector.Pid(jvm.pid());
            ClosingNoted slowSampler = new ClosingNoted(samplers.create("slow", pid, SamplingOptions.defaults()));
            ClosingNoted replaced = new ClosingNoted(samplers.create("changed", pid, SamplingOptions.defaults()));
            SamplingScheduler scheduler = new SamplingScheduler(List.of(
                    new SamplingScheduler.Entry(samplers.create("steady", pid, SamplingOptions.defaults()), new Schedule.Every(second)),
                    new SamplingScheduler.Entry(replaced, new Schedule.Every(second)),
                    new SamplingScheduler.Entry(slowSampler, new Schedule.Every(second))),
                    recorder, clock);
            try (scheduler) {
                scheduler.start();
                // a round starts by being recorded, then sleeps 2 s: once recorded, "slow" is inside it
                // (on a loaded machine the first rounds, attach included, come late: wait for it)
                for (int i = 0; i < 300 && !recorder.roundsAtMillis.containsKey("slow"); i++) {
                    Thread.sleep(100);
                }
                assertThat(recorder.roundsAtMillis).as("slow began a round within 30 s").containsKey("slow");
                Thread.sleep(500);
                // "slow" is inside a 2 s round now: removing it lets that round end, then closes its sampler.
                int slowRounds = recorder.roundsAtMillis.get("slow").size();
                CountDownLatch afterLastRound = new CountDownLatch(1);
                long removedAt = System.currentTimeMillis();
                scheduler.remove("slow", afterLastRound::countDown);
                scheduler.add(new SamplingScheduler.Entry(samplers.create("added", pid, SamplingOptions.defaults()),
                        new Schedule.Every(second)));
                scheduler.replace(new SamplingScheduler.Entry(samplers.create("changed", pid, SamplingOptions.defaults()),
                        new Schedule.Cron("* * * * * ?")));
                assertThat(scheduler.entry("slow")).isEmpty();
                assertThat(afterLastRound.await(10, TimeUnit.SECONDS)).as("removal completed").isTrue();
                assertThat(slowSampler.closedAtMillis.get()).as("closed after its round in flight ended")
                        .isGreaterThan(removedAt)
                        .isGreaterThanOrEqualTo(recorder.lastRoundEndMillis.get("slow"));
                for (int i = 0; i < 100 && replaced.closedAtMillis.get() == 0; i++) {
                    Thread.sleep(100);
                }
                assertThat(replaced.closedAtMillis.get()).as("the replaced sampler is closed once its round ends").isPositive();
                Thread.sleep(4_000);
                assertThat(recorder.roundsAtMillis.get("slow")).as("no new round of the removed target").hasSize(slowRounds);
            }
        }
        assertThat(recorder.roundsAtMillis.get("added")).as("rounds of the added target in 4 s").hasSizeGreaterThanOrEqualTo(3);
        assertThat(recorder.roundsAtMillis.get("changed")).as("rounds of the changed target").hasSizeGreaterThanOrEqualTo(5);
        List<Long> steady = recorder.roundsAtMillis.get("steady");
        assertThat(steady).as("steady rounds in 6.5 s").hasSizeGreaterThanOrEqualTo(5);
        for (int i = 1; i < steady.size(); i++) {
            assertThat(steady.get(i) - steady.get(i - 1)).as("gap between steady rounds").isLessThan(2_500);
        }
    }
}
