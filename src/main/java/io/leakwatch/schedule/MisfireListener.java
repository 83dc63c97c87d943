package io.leakwatch.schedule;

import io.leakwatch.sample.SampleListener;
import java.time.Clock;
import java.util.Date;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;

/**
 * Tells the sample listener how many fires a misfire skipped; the trigger's name is the target's.
 * Quartz reports one misfire however long the previous round ran, with the trigger as it was
 * before the skip, so the fires missed are counted from its next fire time up to now.
 */
final class MisfireListener extends TriggerListenerSupport {

    private static final int MAX_COUNTED = 100_000;

    private final SampleListener listener;
    private final Clock clock;

    MisfireListener(SampleListener listener, Clock clock) {
        this.listener = listener;
        this.clock = clock;
    }

    @Override
    public String getName() {
        return "leakwatch-misfires";
    }

    @Override
    public void triggerMisfired(Trigger trigger) {
        Date now = Date.from(clock.instant());
        int skipped = 0;
        Date fire = trigger.getNextFireTime();
        while (fire != null && fire.before(now) && skipped < MAX_COUNTED) {
            skipped++;
            fire = trigger.getFireTimeAfter(fire);
        }
        listener.onMisfire(trigger.getKey().getName(), Math.max(1, skipped));
    }

    @Override
    public boolean vetoJobExecution(Trigger trigger, JobExecutionContext context) {
        return false;
    }
}
