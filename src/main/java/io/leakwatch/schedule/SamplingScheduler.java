package io.leakwatch.schedule;

import io.leakwatch.config.Schedule;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.TargetSampler;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every target on its own schedule with an in-memory Quartz scheduler and hands each
 * round to one listener. Closing stops scheduling without waiting for rounds still running
 * and closes the samplers.
 */
public final class SamplingScheduler implements AutoCloseable {

    /** A target's sampler with its schedule. */
    public record Entry(TargetSampler sampler, Schedule schedule) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SamplingScheduler.class);
    private static final String GROUP = "leakwatch";
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final Scheduler scheduler;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** Builds the scheduler; nothing runs until {@link #start()}. */
    public SamplingScheduler(List<Entry> targets, SampleListener listener, Clock clock) throws SchedulerException {
        for (Entry e : targets) {
            if (entries.putIfAbsent(e.sampler().target(), e) != null) {
                throw new IllegalArgumentException("two samplers for target " + e.sampler().target());
            }
        }
        scheduler = new StdSchedulerFactory(properties(targets.size())).getScheduler();
        scheduler.setJobFactory((bundle, s) ->
                new SampleJob(entries.get(bundle.getJobDetail().getKey().getName()).sampler(), listener, clock));
        scheduler.getListenerManager().addTriggerListener(new MisfireListener(listener, clock),
                GroupMatcher.triggerGroupEquals(GROUP));
        for (Entry e : entries.values()) {
            String name = e.sampler().target();
            JobDetail job = JobBuilder.newJob(SampleJob.class).withIdentity(name, GROUP).build();
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity(name, GROUP)
                    .withSchedule(schedule(e.schedule())).startNow().build();
            scheduler.scheduleJob(job, trigger);
        }
    }

    private static Properties properties(int targets) {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "leakwatch-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        p.setProperty("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        // One thread per target: a hung target occupies only its own thread.
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, targets)));
        p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
        p.setProperty("org.quartz.threadPool.threadNamePrefix", "leakwatch-sampler");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        // A fire more than a second late (previous round still running) is a misfire: skipped, counted.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        return p;
    }

    private static ScheduleBuilder<? extends Trigger> schedule(Schedule s) {
        if (s instanceof Schedule.Every every) {
            return SimpleScheduleBuilder.simpleSchedule()
                    .withIntervalInMilliseconds(every.interval().toMillis())
                    .repeatForever()
                    .withMisfireHandlingInstructionNextWithRemainingCount();
        }
        return CronScheduleBuilder.cronSchedule(((Schedule.Cron) s).expression())
                .withMisfireHandlingInstructionDoNothing();
    }

    /** Starts sampling. */
    public void start() throws SchedulerException {
        scheduler.start();
        LOG.debug("sampling {} target(s): {}", entries.size(), String.join(", ", entries.keySet()));
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("scheduler did not shut down cleanly: {}", e.toString());
        }
        for (Entry e : entries.values()) {
            e.sampler().close();
        }
    }
}
