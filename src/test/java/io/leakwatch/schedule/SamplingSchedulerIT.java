package io.leakwatch.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.cli.GrowingTarget;
import io.leakwatch.config.Schedule;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.testing.ChildJvm;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The Quartz schedule with real samplers on a real JVM: a target whose rounds take longer than its
 * interval (a slow consumer downstream) never overlaps itself and has its skipped fires counted,
 * while a cron target keeps its one-second rhythm.
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

        @Override
        public void onRound(String target, List<SampleOutcome> outcomes) {
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
}
