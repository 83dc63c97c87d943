package io.leakwatch.schedule;

import io.leakwatch.sample.SampleListener;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.TargetSampler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.CronScheduleBuilder;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every target on its own schedule with an in-memory Quartz scheduler and hands each
 * round to one listener. Closing stops scheduling without waiting for rounds still running
 * and closes the samplers.
 *
 * <p>Targets can be added, removed and changed while it runs (a config reload); the others are
 * not touched. A sampler taken out of use is closed only once its last round is over, so a sample
 * in flight finishes with the sampler it started with. Rounds of a removed target that end after
 * the removal are dropped, so its series do not come back.
 */
public final class SamplingScheduler implements AutoCloseable {

    /** A target's sampler with its schedule. */
    public record Entry(TargetSampler sampler, Schedule schedule) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(SamplingScheduler.class);
    private static final String GROUP = "leakwatch";
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final long RETIRE_POLL_MILLIS = 100;
    /** A sampler's rounds are bounded by its timeouts; past this, it is closed even if a round seems to run. */
    private static final Duration RETIRE_LIMIT = Duration.ofMinutes(10);
    private static final Job NO_ROUND = context -> { };

    private final Scheduler scheduler;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    /** Rounds started and not over, per sampler; guarded by itself. */
    private final Map<TargetSampler, Integer> running = new HashMap<>();
    private final Set<TargetSampler> retiring = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService retirer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leakwatch-sampler-retire");
        t.setDaemon(true);
        return t;
    });

    /** Builds the scheduler; nothing runs until {@link #start()}. */
    public SamplingScheduler(List<Entry> targets, SampleListener listener, Clock clock) throws SchedulerException {
        for (Entry e : targets) {
            if (entries.putIfAbsent(e.sampler().target(), e) != null) {
                throw new IllegalArgumentException("two samplers for target " + e.sampler().target());
            }
        }
        SampleListener configuredOnly = new ConfiguredTargetsOnly(listener);
        scheduler = new StdSchedulerFactory(properties()).getScheduler();
        scheduler.setJobFactory((bundle, s) -> {
            TargetSampler sampler;
            synchronized (running) {
                Entry e = entries.get(bundle.getJobDetail().getKey().getName());
                if (e == null) {
                    return NO_ROUND;
                }
                sampler = e.sampler();
                running.merge(sampler, 1, Integer::sum);
            }
            return new SampleJob(sampler, configuredOnly, clock, () -> ended(sampler));
        });
        scheduler.getListenerManager().addTriggerListener(new MisfireListener(configuredOnly, clock),
                GroupMatcher.triggerGroupEquals(GROUP));
        for (Entry e : entries.values()) {
            schedule(e);
        }
    }

    private static Properties properties() {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "leakwatch-" + INSTANCES.incrementAndGet());
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
        // A thread per running round, made on demand: a hung target occupies only its own thread,
        // and targets added later get theirs.
        p.setProperty("org.quartz.threadPool.class", ElasticThreadPool.class.getName());
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        // A fire more than a second late (previous round still running) is a misfire: skipped, counted.
        p.setProperty("org.quartz.jobStore.misfireThreshold", "1000");
        return p;
    }

    private void schedule(Entry e) throws SchedulerException {
        String name = e.sampler().target();
        JobDetail job = JobBuilder.newJob(SampleJob.class).withIdentity(name, GROUP).build();
        scheduler.scheduleJob(job, trigger(name, e.schedule()));
    }

    private static Trigger trigger(String name, Schedule schedule) {
        return TriggerBuilder.newTrigger().withIdentity(name, GROUP).forJob(name, GROUP)
                .withSchedule(schedule(schedule)).startNow().build();
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

    /** The sampler and schedule of a sampled target. */
    public Optional<Entry> entry(String target) {
        return Optional.ofNullable(entries.get(target));
    }

    /** Starts sampling a new target, its first round right away. */
    public void add(Entry e) throws SchedulerException {
        String name = e.sampler().target();
        if (entries.putIfAbsent(name, e) != null) {
            throw new IllegalArgumentException("target " + name + " is already sampled");
        }
        schedule(e);
    }

    /**
     * Gives a sampled target a new sampler and/or schedule. A new schedule starts with a round
     * right away; the old sampler is closed once its round in flight, if any, is over.
     */
    public void replace(Entry e) throws SchedulerException {
        String name = e.sampler().target();
        Entry old = entries.put(name, e);
        if (old == null) {
            throw new IllegalArgumentException("target " + name + " is not sampled");
        }
        if (!old.schedule().equals(e.schedule())) {
            scheduler.rescheduleJob(TriggerKey.triggerKey(name, GROUP), trigger(name, e.schedule()));
        }
        if (old.sampler() != e.sampler()) {
            retire(old.sampler(), () -> { }, System.nanoTime() + RETIRE_LIMIT.toNanos(), 0);
        }
    }

    /**
     * Stops sampling {@code target}. Its round in flight, if any, finishes (and is dropped); then
     * the sampler is closed and {@code afterLastRound} runs (on another thread) unless the target
     * was added again meanwhile.
     */
    public void remove(String target, Runnable afterLastRound) throws SchedulerException {
        Entry old = entries.remove(target);
        if (old == null) {
            throw new IllegalArgumentException("target " + target + " is not sampled");
        }
        scheduler.deleteJob(JobKey.jobKey(target, GROUP));
        retire(old.sampler(), () -> {
            if (!entries.containsKey(target)) {
                afterLastRound.run();
            }
        }, System.nanoTime() + RETIRE_LIMIT.toNanos(), 0);
    }

    private void retire(TargetSampler sampler, Runnable then, long deadlineNanos, long delayMillis) {
        retiring.add(sampler);
        retirer.schedule(() -> {
            boolean busy;
            synchronized (running) {
                busy = running.containsKey(sampler);
            }
            if (busy && System.nanoTime() < deadlineNanos) {
                retire(sampler, then, deadlineNanos, RETIRE_POLL_MILLIS);
                return;
            }
            if (busy) {
                LOG.warn("a round of {} still runs {} after the target changed; closing its old sampler anyway",
                        sampler.target(), RETIRE_LIMIT);
            }
            retiring.remove(sampler);
            sampler.close();
            then.run();
        }, delayMillis, TimeUnit.MILLISECONDS);
    }

    private void ended(TargetSampler sampler) {
        synchronized (running) {
            running.computeIfPresent(sampler, (s, n) -> n == 1 ? null : n - 1);
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(false);
        } catch (SchedulerException e) {
            LOG.warn("scheduler did not shut down cleanly: {}", e.toString());
        }
        retirer.shutdownNow();
        for (Entry e : entries.values()) {
            e.sampler().close();
        }
        retiring.forEach(TargetSampler::close);
    }

    /** Hands on the rounds and misfires of targets still configured; late ones of removed targets go. */
    private final class ConfiguredTargetsOnly implements SampleListener {
        private final SampleListener listener;

        ConfiguredTargetsOnly(SampleListener listener) {
            this.listener = listener;
        }

        @Override
        public void onRound(String target, List<SampleOutcome> outcomes) {
            if (entries.containsKey(target)) {
                listener.onRound(target, outcomes);
            } else {
                LOG.debug("dropped a round of {}, no longer configured", target);
            }
        }

        @Override
        public void onMisfire(String target, int skippedFires) {
            if (entries.containsKey(target)) {
                listener.onMisfire(target, skippedFires);
            }
        }
    }
}
