package io.leakwatch.pipeline;

import io.leakwatch.alert.AlertOutbox;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.alert.AlertService;
import io.leakwatch.alert.LeakNotice;
import io.leakwatch.alert.StateFile;
import io.leakwatch.alert.StoreFailureListener;
import io.leakwatch.capture.CaptureAnalyzer.LeakFinding;
import io.leakwatch.capture.CaptureFailure;
import io.leakwatch.capture.CaptureOutcome;
import io.leakwatch.capture.CaptureRequest;
import io.leakwatch.capture.CaptureService;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on confirmed and cleared leaks, off the sampling threads: captures and analyses a heap dump,
 * then alerts with the leak signatures and their chains (or, without a dump, with the growth
 * itself), and resolves the alerts of leaks that cleared.
 *
 * <p>All work runs on one worker thread with a bounded queue, so captures run one at a time and a
 * target's confirmations and clearances are handled in order; when the queue is full, the newest
 * work is dropped and logged rather than piling up behind a slow dump. Delivery of queued alerts is
 * retried on its own thread every {@code deliveryPeriod}.
 *
 * <p>With a state file, the leaks it alerted (per target, per trigger, the notices) are saved after
 * every change and loaded at start-up, so after a daemon restart a leak that clears still resolves
 * its alerts, and a new leak of the same target does not resolve the ones alerted before.
 */
public final class LeakResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeakResponder.class);
    /** Findings alerted per capture: each its own signature. */
    private static final int ALERTED_FINDINGS = 3;
    /** A finding retaining less than 1/MINOR_SHARE of the largest one does not alert. */
    private static final long MINOR_SHARE = 5;

    private final CaptureService capture;
    private final DumperSource dumpers;
    private final AlertService alerts;
    private final PipelineEvents events;
    private final Function<String, String> reportUrl;
    private final ThreadPoolExecutor worker;
    private final ScheduledExecutorService delivery;
    /** Per target, per trigger key, the notices that trigger stands for. Worker thread only. */
    private final Map<String, Map<String, List<LeakNotice>>> current = new HashMap<>();
    private final StateFile<Leaks> state;
    private volatile boolean stateDirty;
    private volatile AllocationSampling allocations;

    /**
     * What the state file holds: per target, per trigger key, the notices alerted for it.
     *
     * @param version format version, {@link #VERSION}
     * @param targets the leaks
     */
    public record Leaks(int version, Map<String, Map<String, List<LeakNotice>>> targets) {
        /** The format written now. */
        public static final int VERSION = 1;

        public Leaks {
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown leak state version " + version + ", expected " + VERSION);
            }
            Objects.requireNonNull(targets, "targets");
        }
    }

    /**
     * @param capture        captures dumps; null when capture is disabled (alerts carry no chains)
     * @param dumpers        connects to the sampled JVM for its dump
     * @param alerts         deduplicates and queues alerts
     * @param events         counts captures and deliveries
     * @param reportUrl      turns a report path under {@code /reports/} into a link ("" for none)
     * @param deliveryPeriod how often queued alerts are retried
     */
    public LeakResponder(CaptureService capture, DumperSource dumpers, AlertService alerts, PipelineEvents events,
                         Function<String, String> reportUrl, Duration deliveryPeriod) {
        this(capture, dumpers, alerts, events, reportUrl, deliveryPeriod, null);
    }

    /**
     * As above, keeping the alerted leaks in {@code state} (loaded now; a damaged file is set aside
     * and the state starts empty).
     */
    public LeakResponder(CaptureService capture, DumperSource dumpers, AlertService alerts, PipelineEvents events,
                         Function<String, String> reportUrl, Duration deliveryPeriod, StateFile<Leaks> state) {
        this.state = state;
        if (state != null) {
            state.load().ifPresent(saved -> saved.targets().forEach((t, m) -> current.put(t, new LinkedHashMap<>(m))));
        }
        this.capture = capture;
        this.dumpers = Objects.requireNonNull(dumpers, "dumpers");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.events = Objects.requireNonNull(events, "events");
        this.reportUrl = Objects.requireNonNull(reportUrl, "reportUrl");
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
                r -> daemon(r, "leakwatch-leak-responder"));
        this.delivery = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "leakwatch-alert-delivery"));
        long period = deliveryPeriod.toMillis();
        delivery.scheduleWithFixedDelay(this::deliver, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Also collects the target's allocation samples before each capture and puts the allocation
     * sites in the alerts. Call before the first leak.
     */
    public LeakResponder withAllocationSampling(AllocationSampling sampling) {
        this.allocations = Objects.requireNonNull(sampling, "sampling");
        return this;
    }

    /** Queues the capture and alert for a leak this sample confirmed. */
    public void confirmed(ConfirmedLeak leak) {
        submit(leak.target(), () -> respond(leak));
    }

    /**
     * Queues the capture and alert for the triggers of {@code leak} that were confirmed before a
     * daemon restart but not acted upon (the daemon died while capturing): those whose trigger key
     * is not among the saved alerted leaks. Without a state file nothing is known to have been
     * acted upon, and nothing is done: a restart must not capture every leaking target again.
     */
    public void resumed(ConfirmedLeak leak) {
        if (state == null) {
            return;
        }
        submit(leak.target(), () -> {
            Map<String, List<LeakNotice>> known = current.getOrDefault(leak.target(), Map.of());
            List<LeakTrigger> unfinished = leak.triggers().stream().filter(t -> !known.containsKey(t.key())).toList();
            if (!unfinished.isEmpty()) {
                LOG.info("Resuming the response to {} leak(s) of {} confirmed before the restart: {}", unfinished.size(),
                        leak.target(), unfinished.stream().map(LeakTrigger::key).toList());
                respond(new ConfirmedLeak(leak.target(), leak.identity(), unfinished, leak.growingTypes(),
                        leak.includeMarkers()));
            }
        });
    }

    /** Queues the resolve of the leaks behind {@code triggerKeys} of {@code target}. */
    public void cleared(String target, List<String> triggerKeys) {
        List<String> keys = List.copyOf(triggerKeys);
        submit(target, () -> clear(target, keys));
    }

    /** Queues the resolve of every leak of {@code target} (the process restarted). */
    public void clearedAll(String target) {
        submit(target, () -> clear(target, List.copyOf(current.getOrDefault(target, Map.of()).keySet())));
    }

    private void submit(String target, Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.error("Handling a leak of {} failed", target, e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.warn("Dropped leak handling for {}: {} leak(s) already wait for capture and alerting", target,
                    worker.getQueue().size());
        }
    }

    /**
     * Captures, then files the leak's notices under its trigger keys: the signatures a dump found
     * under every trigger (a dump explains them together), or each trigger's own notice when no dump
     * explained them. A signature resolves once no trigger of its target holds it any more.
     */
    private void respond(ConfirmedLeak leak) {
        // before the dump: the samples are of objects alive now, and the dump's GC changes nothing for them
        AllocationSites sampled = allocations == null ? AllocationSites.NONE
                : allocations.collect(leak.target(), leak.identity(), leak.growingTypes());
        String sites = sampled.describe();
        CaptureOutcome outcome = capture == null || !dumpers.canDump(leak.target()) ? null : captureOf(leak);
        Map<String, List<LeakNotice>> byTrigger = current.computeIfAbsent(leak.target(), t -> new LinkedHashMap<>());
        if (outcome instanceof CaptureOutcome.Captured c && !c.analysis().findings().isEmpty()) {
            if (!sampled.sites().isEmpty()) {
                AllocationReports.addTo(c.analysis().reports(), sampled);
            }
            List<LeakNotice> notices = withSites(fromFindings(leak, c), sites);
            leak.triggers().forEach(t -> byTrigger.put(t.key(), notices));
        } else {
            leak.triggers().forEach(t -> byTrigger.put(t.key(), withSites(List.of(fromTrigger(leak.target(), t, outcome)), sites)));
        }
        alert(leak.target());
    }

    private CaptureOutcome captureOf(ConfirmedLeak leak) {
        CaptureRequest request = new CaptureRequest(leak.target(), leak.identity().pid(), leak.growingTypes(),
                leak.includeMarkers());
        CaptureOutcome outcome;
        try (DumperSource.Dumper dumper = dumpers.open(leak.target(), leak.identity())) {
            outcome = capture.capture(request, dumper);
        } catch (IOException e) {
            LOG.warn("No capture of {}: cannot connect to pid {}: {}", leak.target(), leak.identity().pid(), e.getMessage());
            outcome = new CaptureOutcome.Failed(leak.target(), CaptureFailure.TARGET_GONE, e.getMessage());
        }
        events.captured(leak.target(), outcome instanceof CaptureOutcome.Failed f ? f.reason().label() : "captured");
        return outcome;
    }

    private List<LeakNotice> fromFindings(ConfirmedLeak leak, CaptureOutcome.Captured captured) {
        String why = triggerText(leak);
        String link = captured.reportPath().map(reportUrl).orElse("");
        List<LeakNotice> notices = new ArrayList<>();
        List<LeakFinding> findings = captured.analysis().findings();
        long largest = findings.stream().mapToLong(LeakFinding::retainedBytes).max().orElse(0);
        // Small signatures beside a big one are what every heap holds (interned strings, caches of
        // the JDK); they stay in the report but do not alert.
        for (LeakFinding f : findings.stream().filter(f -> f.retainedBytes() * MINOR_SHARE >= largest)
                .limit(ALERTED_FINDINGS).toList()) {
            notices.add(new LeakNotice(leak.target(), f.signature(), leak.target() + ": " + f.description() + " (" + why + ")",
                    f.chains(), link, Map.of("kind", leak.triggers().get(0).kind()),
                    f.retainedBytes()));
        }
        return notices;
    }

    private static List<LeakNotice> withSites(List<LeakNotice> notices, String sites) {
        return sites.isEmpty() ? notices : notices.stream().map(n -> new LeakNotice(n.target(), n.signature(), n.summary(),
                n.topChains(), n.reportUrl(), n.labels(), n.magnitude(), sites)).toList();
    }

    private static LeakNotice fromTrigger(String target, LeakTrigger t, CaptureOutcome outcome) {
        String noDump = outcome instanceof CaptureOutcome.Failed f
                ? " (no heap dump: " + f.reason().label() + ")"
                : outcome == null ? "" : " (the heap dump showed no strongly held instances)";
        return new LeakNotice(target, t.key(), target + ": " + t.summary() + noDump, "", "", Map.of("kind", t.kind()),
                t.magnitude());
    }

    /** The first trigger's summary, and how many more series were confirmed with it. */
    private static String triggerText(ConfirmedLeak leak) {
        int more = leak.triggers().size() - 1;
        return leak.triggers().get(0).summary() + (more == 0 ? "" : "; and " + more + " more growing series");
    }

    private void clear(String target, List<String> keys) {
        Map<String, List<LeakNotice>> byTrigger = current.get(target);
        if (byTrigger == null || keys.stream().noneMatch(byTrigger::containsKey)) {
            return;
        }
        keys.forEach(byTrigger::remove);
        alert(target);
    }

    /** Reports the target's current leaks: new signatures fire, vanished ones resolve. */
    private void alert(String target) {
        if (current.containsKey(target) && current.get(target).isEmpty()) {
            current.remove(target);
        }
        save();
        Map<String, LeakNotice> bySignature = new LinkedHashMap<>();
        current.getOrDefault(target, Map.of()).values()
                .forEach(list -> list.forEach(n -> bySignature.putIfAbsent(n.signature(), n)));
        try {
            alerts.leaking(target, List.copyOf(bySignature.values()));
        } catch (IOException e) {
            LOG.error("Cannot queue the alerts of {}: {}", target, e.toString());
        }
        deliver();
    }

    private void save() {
        if (state != null) {
            Map<String, Map<String, List<LeakNotice>>> copy = new LinkedHashMap<>();
            current.forEach((t, m) -> copy.put(t, new LinkedHashMap<>(m)));
            stateDirty = !state.save(new Leaks(Leaks.VERSION, copy));
        }
    }

    /** A state file for {@link #LeakResponder(CaptureService, DumperSource, AlertService, PipelineEvents, Function, Duration, StateFile)}. */
    public static StateFile<Leaks> stateFile(Path file, StoreFailureListener failures, Clock clock) {
        return new StateFile<>(file, Leaks.class, "leaks", failures, clock);
    }

    private void deliver() {
        if (stateDirty) {
            try {
                worker.execute(this::save);
            } catch (RejectedExecutionException e) {
                LOG.debug("Leak state not saved again now: the responder is busy or closing");
            }
        }
        try {
            for (AlertOutbox.Attempt a : alerts.deliverDue()) {
                events.delivered(a.sink(), a.outcome().label());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Alert delivery failed: {}", e.toString());
        }
    }

    /** Waits up to {@code timeout} for queued work (a capture in progress included), then stops. */
    public void close(Duration timeout) {
        worker.shutdown();
        try {
            if (!worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
