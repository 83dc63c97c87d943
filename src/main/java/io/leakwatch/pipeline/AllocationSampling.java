package io.leakwatch.pipeline;

import io.leakwatch.analysis.alloc.AllocationSiteFinder;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.analysis.alloc.FrameFilter;
import io.leakwatch.analysis.alloc.SampledObject;
import io.leakwatch.model.TargetIdentity;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples where leaking objects are allocated: starts a recording of old-object samples on a target
 * as soon as its growth is suspected (only objects allocated while it runs can be sampled, and the
 * JVM writes the samples only when it stops), and collects it when the leak is captured.
 *
 * <p>Guards, as for a capture: at most one recording per target, each ending by itself after
 * {@link AllocationSettings#duration()}; a target that cannot record (no Flight Recorder, refused)
 * is logged at WARN once, then at DEBUG until it records again, counted, and not asked again for
 * the same duration. Starts run on their own thread, off the sampling threads; collection runs on
 * the caller's (the responder's) thread.
 *
 * <p>Flight Recorder's first recording in a JVM leaves about 1.5-2 MiB of live heap and some 180
 * classes behind for good (measured on JDK 17; a later recording adds a few KiB while it runs), and
 * it starts exactly when the detector judges a suspected growth. So the first start in each
 * process is remembered, and {@link #ownStep} tells the detector once, at the first sample taken
 * after it, that the step in that sample is the watcher's own: only when a histogram of that
 * process showed no Flight Recorder before ({@link #histogramSeen}). A daemon restarted beside a
 * process its predecessor recorded in, or a process that runs Flight Recorder of its own, makes
 * no step, and levelling one that is not there would flatten a leak (a restarted daemon cleared
 * its replayed heap confirmation that way).
 */
public final class AllocationSampling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationSampling.class);

    /** The class a JVM's Flight Recorder has one instance of once initialised, for good. */
    public static final String FLIGHT_RECORDER_CLASS = "jdk.jfr.internal.PlatformRecorder";

    /** Port: old-object recordings on a target; the attach adapter implements it. */
    public interface Recorders {
        /** Starts a recording ending by itself after {@code duration}; returns its id. */
        long start(String target, TargetIdentity identity, Duration duration) throws IOException;

        /** Stops (when running), reads and closes recording {@code id}: the live sampled objects. */
        List<SampledObject> collect(String target, TargetIdentity identity, long id) throws IOException;

        /** Closes recording {@code id} without reading it (the daemon is stopping). */
        void close(String target, TargetIdentity identity, long id) throws IOException;
    }

    /** Hears recording outcomes, for {@code leakwatch_allocation_recordings_total}. Cheap, never throws. */
    public interface Events {
        /** Ignores everything. */
        Events NONE = (target, outcome) -> { };

        /** {@code started}, {@code collected}, {@code start_failed} or {@code collect_failed}. */
        void recording(String target, String outcome);
    }

    private record Recording(TargetIdentity identity, long id, Instant ends) {
    }

    private final AllocationSettings settings;
    private final Recorders recorders;
    private final Events events;
    private final Clock clock;
    private final AllocationSiteFinder finder;
    private final ThreadPoolExecutor starter;
    /** Per target: its recording (id -1 while starting). */
    private final Map<String, Recording> recordings = new HashMap<>();
    /**
     * Targets whose recording is being read: no new one starts meanwhile, since a start closes a
     * recording of LeakWatch's name it finds (one a dead daemon left), and that would be this one
     * ("No recording available with id 1" on noisy-slow, where other types stayed suspect).
     */
    private final Set<String> collecting = new HashSet<>();
    /** Targets whose last start failed, until when they are not asked again. */
    private final Map<String, Instant> resting = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    /** Per target, the process whose Flight Recorder a recording of ours initialised. */
    private final Map<String, TargetIdentity> initialised = new HashMap<>();
    /** Per target, a process a histogram showed without Flight Recorder: only there does a start make the step. */
    private final Map<String, TargetIdentity> withoutRecorder = new HashMap<>();
    /** Per target, when that first start finished, until a sample taken after it is judged. */
    private final Map<String, Instant> steps = new HashMap<>();

    public AllocationSampling(AllocationSettings settings, Recorders recorders, Events events, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.recorders = Objects.requireNonNull(recorders, "recorders");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.finder = new AllocationSiteFinder(FrameFilter.defaults().withApplicationPackages(settings.packages())
                .withDepth(settings.depth()), settings.top());
        this.starter = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(16), r -> {
            Thread t = new Thread(r, "leakwatch-allocation-recorder");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Called on every sample: starts a recording on {@code target} when it is suspected now (or
     * always, when so configured) and none of this process runs. Quick; the start runs elsewhere.
     */
    public void sampled(String target, TargetIdentity identity, boolean suspected) {
        if (!settings.enabled() || !(suspected || settings.always())) {
            return;
        }
        Instant now = clock.instant();
        synchronized (this) {
            Recording r = recordings.get(target);
            if (collecting.contains(target)
                    || r != null && r.identity().sameProcess(identity) && (r.id() < 0 || now.isBefore(r.ends()))) {
                return;
            }
            Instant rest = resting.get(target);
            if (rest != null && now.isBefore(rest)) {
                return;
            }
            recordings.put(target, new Recording(identity, -1, now.plus(settings.duration())));
        }
        try {
            starter.execute(() -> start(target, identity));
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                recordings.remove(target);
            }
            LOG.debug("Allocation recording of {} not started now: the recorder is busy or closing", target);
        }
    }

    private void start(String target, TargetIdentity identity) {
        try {
            long id = recorders.start(target, identity, settings.duration());
            synchronized (this) {
                Instant now = clock.instant();
                recordings.put(target, new Recording(identity, id, now.plus(settings.duration())));
                resting.remove(target);
                TargetIdentity before = initialised.put(target, identity);
                TargetIdentity absent = withoutRecorder.get(target);
                if ((before == null || !before.sameProcess(identity)) && absent != null && absent.sameProcess(identity)) {
                    steps.put(target, now);
                }
            }
            events.recording(target, "started");
            if (recovered(target)) {
                LOG.info("Allocation sites of {} are sampled again", target);
            }
            LOG.debug("Sampling allocation sites of {} (JFR recording {}, at most {})", target, id, settings.duration());
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                recordings.remove(target);
                resting.put(target, clock.instant().plus(settings.duration()));
            }
            events.recording(target, "start_failed");
            failed(target, "Cannot sample allocation sites of {} (alerts go without them; next try in {}): {}",
                    settings.duration(), e.getMessage());
        }
    }

    /**
     * A histogram of {@code target}'s process {@code identity} showed whether that JVM's Flight
     * Recorder is initialised ({@link #FLIGHT_RECORDER_CLASS}). Call it after {@link #ownStep} for
     * the same sample.
     */
    public synchronized void histogramSeen(String target, TargetIdentity identity, boolean flightRecorderThere) {
        if (!flightRecorderThere) {
            withoutRecorder.put(target, identity);
        } else if (!steps.containsKey(target)) {
            // there before any start of ours that made a step: a start now leaves none
            initialised.put(target, identity);
        }
    }

    /**
     * Whether the sample of {@code target}'s process {@code identity} taken at {@code takenAt} is
     * the first one after our first recording started in that process: its heap then holds Flight
     * Recorder's one-time footprint, which is not the target's growth. True once per process.
     */
    public synchronized boolean ownStep(String target, TargetIdentity identity, Instant takenAt) {
        Instant at = steps.get(target);
        if (at == null || takenAt.isBefore(at)) {
            return false;
        }
        steps.remove(target);
        return initialised.get(target).sameProcess(identity);
    }

    /**
     * Collects {@code target}'s recording and attributes its samples to {@code types}; no sites
     * when no recording of this process ran, or it could not be read (logged and counted).
     */
    public AllocationSites collect(String target, TargetIdentity identity, Collection<String> types) {
        Recording r;
        synchronized (this) {
            r = recordings.get(target);
            if (r == null || r.id() < 0) {
                return AllocationSites.NONE;
            }
            recordings.remove(target);
            if (!r.identity().sameProcess(identity)) {
                return AllocationSites.NONE;
            }
            collecting.add(target);
        }
        try {
            List<SampledObject> samples = recorders.collect(target, identity, r.id());
            events.recording(target, "collected");
            AllocationSites sites = finder.find(samples, types);
            LOG.info("Allocation sites of {}: {} of {} sampled live objects are of {}", target, sites.samples(),
                    sites.totalSamples(), types);
            return sites;
        } catch (IOException | RuntimeException e) {
            events.recording(target, "collect_failed");
            failed(target, "Cannot read the allocation samples of {} (the alert goes without them; {}): {}",
                    "next recording at the next suspicion", e.getMessage());
            return AllocationSites.NONE;
        } finally {
            synchronized (this) {
                collecting.remove(target);
            }
        }
    }

    private synchronized boolean recovered(String target) {
        return failing.remove(target);
    }

    private void failed(String target, String format, Object detail, String message) {
        boolean first;
        synchronized (this) {
            first = failing.add(target);
        }
        if (first) {
            LOG.warn(format, target, detail, message);
        } else {
            LOG.debug(format, target, detail, message);
        }
    }

    /**
     * Stops starting recordings and closes those running, waiting at most {@code timeout} for
     * the targets to answer; any left end by their duration.
     */
    public void close(Duration timeout) {
        starter.shutdownNow();
        Map<String, Recording> running;
        synchronized (this) {
            running = new HashMap<>(recordings);
            recordings.clear();
        }
        running.values().removeIf(r -> r.id() < 0);
        if (running.isEmpty()) {
            return;
        }
        Thread closer = new Thread(() -> running.forEach((target, r) -> {
            try {
                recorders.close(target, r.identity(), r.id());
            } catch (IOException | RuntimeException e) {
                LOG.debug("Allocation recording of {} left to end by its duration: {}", target, e.getMessage());
            }
        }), "leakwatch-allocation-recorder-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
