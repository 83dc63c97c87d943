package io.leakwatch.schedule;

import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.TargetSampler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One sampling round of one target, handed to the listener. Never overlaps itself. */
@DisallowConcurrentExecution
final class SampleJob implements Job {

    private static final Logger LOG = LoggerFactory.getLogger(SampleJob.class);

    private final TargetSampler sampler;
    private final SampleListener listener;
    private final Clock clock;
    private final Runnable ended;

    /** @param ended called when the round is over, its outcomes handed on */
    SampleJob(TargetSampler sampler, SampleListener listener, Clock clock, Runnable ended) {
        this.sampler = sampler;
        this.listener = listener;
        this.clock = clock;
        this.ended = ended;
    }

    @Override
    public void execute(JobExecutionContext context) {
        try {
            round();
        } finally {
            ended.run();
        }
    }

    private void round() {
        Instant start = clock.instant();
        List<SampleOutcome> outcomes;
        try {
            outcomes = sampler.sampleAll();
        } catch (RuntimeException e) {
            // The sampler promises failures as values; a throw is a bug, but must not silence the target.
            LOG.error("sampler of target {} threw instead of returning a failure", sampler.target(), e);
            outcomes = List.of(new SampleOutcome.Failed(sampler.target(), FailureKind.BAD_RESPONSE,
                    "sampler error: " + e, Duration.between(start, clock.instant())));
        }
        listener.onRound(sampler.target(), outcomes);
    }
}
