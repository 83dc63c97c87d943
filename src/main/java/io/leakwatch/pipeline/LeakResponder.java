package io.leakwatch.pipeline;

import io.leakwatch.alert.AlertOutbox;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.alert.AlertService;
import io.leakwatch.alert.LeakNotice;
import io.leakwatch.alert.StateFile;
import io.leakwatch.alert.StoreFailureListener;
import io.leakwatch.capture.CaptureFailure;
import io.leakwatch.capture.CaptureOutcome;
import io.leakwatch.capture.CaptureRequest;
import io.leakwatch.capture.CaptureService;
import io.leakwatch.capture.DumperSource;
import io.leakwatch.model.Sample;
import io.leakwatch.model.SeriesKey;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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

    private final Optional<CaptureService> capture;
    private final DumperSource dumpers;
    private final AlertService alerts;
    private final PipelineEvents events;
    private final Function<String, String> reportUrl;
    private final ThreadPoolExecutor worker;
    private final ScheduledExecutorService delivery;
    /** Per target, per trigger series, the notices that trigger stands for. Worker thread only. */
    private final Map<String, Map<SeriesKey, List<LeakNotice>>> current = new HashMap<>();
    private final StateFile<Leaks> state;
    private volatile boolean stateDirty;
    private volatile AllocationSampling allocations;
    private volatile boolean closing;
    private final Incidents incidents = new Incidents();
    private final LeakGrowth growth = new LeakGrowth();
    /** Targets with a retry of their waiting series scheduled. Worker thread only. */
    private final Set<String> retrying = new HashSet<>();

    /**
     * What the state file holds: per target, per trigger series (its {@link SeriesKey#text() text
     * form}), the notices alerted for it.
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
            // a key that names no series makes the file damaged (set aside), not the daemon fail
            targets.values().forEach(bySeries -> bySeries.keySet().forEach(SeriesKey::parse));
        }
    }

    /**
     * @param capture        captures dumps; empty when capture is disabled (alerts carry no chains)
     * @param dumpers        connects to the sampled JVM for its dump
     * @param alerts         deduplicates and queues alerts
     * @param events         counts captures and deliveries
     * @param reportUrl      turns a report path under {@code /reports/} into a link ("" for none)
     * @param deliveryPeriod how often queued alerts are retried
     */
    public LeakResponder(Optional<CaptureService> capture, DumperSource dumpers, AlertService alerts,
                         PipelineEvents events, Function<String, String> reportUrl, Duration deliveryPeriod) {
        this(capture, dumpers, alerts, events, reportUrl, deliveryPeriod, null);
    }

    /**
     * As above, keeping the alerted leaks in {@code state} (loaded now; a damaged file is set aside
     * and the state starts empty).
     */
    public LeakResponder(Optional<CaptureService> capture, DumperSource dumpers, AlertService alerts,
                         PipelineEvents events, Function<String, String> reportUrl, Duration deliveryPeriod,
                         StateFile<Leaks> state) {
        this.state = state;
        if (state != null) {
            state.load().ifPresent(saved -> saved.targets().forEach((t, m) -> current.put(t, bySeries(m))));
        }
        this.capture = Objects.requireNonNull(capture, "capture");
        this.dumpers = Objects.requireNonNull(dumpers, "dumpers");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.events = Objects.requireNonNull(events, "events");
        this.reportUrl = Objects.requireNonNull(reportUrl, "reportUrl");
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(32),
                r -> daemon(r, "leakwatch-leak-responder"));
        this.delivery = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "leakwatch-alert-delivery"));
        long period = deliveryPeriod.toMillis();
        delivery.scheduleWithFixedDelay(() -> {
            reportGrowth();
            deliver();
        }, period, period, TimeUnit.MILLISECONDS);
    }

    /** Keeps {@code sample} to measure how much the alerted leaks of its target grew (cheap; sampling threads). */
    public void observed(Sample sample) {
        growth.observe(sample);
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
            Map<SeriesKey, List<LeakNotice>> known = current.getOrDefault(leak.target(), Map.of());
            List<LeakTrigger> unfinished = leak.triggers().stream().filter(t -> !known.containsKey(t.key())).toList();
            if (!unfinished.isEmpty()) {
                LOG.info("Resuming the response to {} leak(s) of {} confirmed before the restart: {}", unfinished.size(),
                        leak.target(), unfinished.stream().map(LeakTrigger::key).toList());
                respond(new ConfirmedLeak(leak.target(), leak.identity(), unfinished, leak.growingTypes(),
                        leak.includeMarkers(), leak.trend()));
            }
        });
    }

    /** Queues the resolve of the leaks behind the series {@code triggerKeys} of {@code target}. */
    public void cleared(String target, List<SeriesKey> triggerKeys) {
        List<SeriesKey> keys = List.copyOf(triggerKeys);
        submit(target, () -> clear(target, keys));
    }

    /** Queues the resolve of every leak of {@code target} (the process restarted). */
    public void clearedAll(String target) {
        submit(target, () -> {
            incidents.forget(target);
            growth.forget(target);
            clear(target, List.copyOf(current.getOrDefault(target, Map.of()).keySet()));
            try {
                alerts.cleared(target);
            } catch (IOException e) {
                LOG.error("Cannot queue the resolves of {}: {}", target, e.toString());
            }
        });
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
     * Files the leak's triggers under notices: a trigger the last capture found under an alerted
     * accumulation point joins that incident (listed as also growing); for the others a capture, then
     * the incidents the dump found them under (a dump explains them together: a trigger with no
     * finding of its own goes under every alerted one), or one notice for them all, led by the
     * first, when no dump explained them. While the capture is rate-limited on a target that has an
     * alert with a chain, the triggers wait for the next capture instead of alerting alone. A
     * signature resolves once no trigger of its target holds it any more.
     */
    private void respond(ConfirmedLeak leak) {
        respond(leak, Optional.empty());
    }

    /**
     * As above; {@code recheck} is the capture this response checks again because it explained too
     * little of the growth (see {@link CaptureCoverage}): the new capture may come before the rate
     * limit allows, and when it finds nothing, the first one is alerted.
     */
    private void respond(ConfirmedLeak leak, Optional<CaptureOutcome.Captured> recheck) {
        Map<SeriesKey, List<LeakNotice>> byTrigger = current.computeIfAbsent(leak.target(), t -> new LinkedHashMap<>());
        List<LeakTrigger> open = new ArrayList<>();
        for (LeakTrigger t : leak.triggers()) {
            Optional<LeakNotice> incident = incidents.explaining(leak.target(), t.key())
                    .flatMap(sig -> incidents.incident(leak.target(), sig));
            if (incident.isPresent()) {
                join(byTrigger, incident.get(), t);
            } else {
                open.add(t);
            }
        }
        if (open.isEmpty()) {
            alert(leak.target());
            return;
        }
        ConfirmedLeak rest = new ConfirmedLeak(leak.target(), leak.identity(), open, leak.growingTypes(), leak.includeMarkers(),
                leak.trend());
        if (recheck.isEmpty() && incidents.rechecking(leak.target())) {
            LOG.info("{}: {} wait(s) for the recheck of its last capture", leak.target(),
                    open.stream().map(LeakTrigger::key).toList());
            open.forEach(t -> byTrigger.putIfAbsent(t.key(), List.of()));
            incidents.await(rest);
            alert(leak.target());
            return;
        }
        // before the dump: the samples are of objects alive now, and the dump's GC changes nothing for them
        AllocationSites sampled = allocations == null ? AllocationSites.NONE
                : allocations.collect(leak.target(), leak.identity(), leak.growingTypes());
        String sites = sampled.describe();
        CaptureOutcome outcome = capture.isEmpty() || !dumpers.canDump(leak.target()) ? null
                : captureOf(rest, recheck.isPresent());
        if (closing) {
            // a capture the stop cut off says nothing about the leak: alerting it without a chain
            // would be noise; the next start resumes the response (the triggers are not saved as done)
            LOG.info("{}: the daemon is stopping; the response to {} is left to the next start", leak.target(),
                    open.stream().map(LeakTrigger::key).toList());
            return;
        }
        CaptureOutcome.Captured found = outcome instanceof CaptureOutcome.Captured c && !c.analysis().findings().isEmpty()
                ? c : null;
        if (recheck.isPresent() && found == null) {
            LOG.info("{}: the recheck found no leak ({}); alerting what the capture before it found", leak.target(),
                    outcome instanceof CaptureOutcome.Failed f ? f.reason().label() : "no strongly held instances");
            found = recheck.get();
        }
        Optional<CaptureCoverage> little = found == null || recheck.isPresent() || !incidents.mayRecheck(leak.target())
                ? Optional.empty()
                : CaptureCoverage.of(rest.trend(), incidents.alerting(rest, found.analysis().findings()).stream()
                        .map(group -> group.get(0)).toList()).filter(CaptureCoverage::explainsLittle);
        if (little.isPresent()) {
            // alerting this holder would name the wrong culprit when the leak itself was still too
            // small to be found: look once more after the leak had as long again to grow
            Duration wait = recheckDelay(little.get().window());
            LOG.info("{}: the largest finding the capture would alert retains {}; capturing once more in {} s before alerting",
                    leak.target(), little.get(), wait.toSeconds());
            open.forEach(t -> byTrigger.putIfAbsent(t.key(), List.of()));
            incidents.awaitRecheck(rest, found);
            recheckAfter(leak.target(), wait);
        } else if (found != null) {
            if (!sampled.sites().isEmpty()) {
                AllocationReports.addTo(found.analysis().reports(), sampled);
            }
            List<LeakNotice> notices = withSites(fromFindings(rest, found), sites);
            if (notices.isEmpty()) {
                // the dump found holders only of what does not alert (types that grew alongside, marks within grace)
                fileUnexplained(byTrigger, leak.target(), open, " (the heap dump found no holder of it)", sites);
            } else {
                for (LeakTrigger t : open) {
                    Optional<String> sig = incidents.explaining(leak.target(), t.key());
                    List<LeakNotice> own = notices.stream().filter(n -> sig.isPresent() && n.signature().equals(sig.get())).toList();
                    byTrigger.put(t.key(), !own.isEmpty() ? own : notices);
                }
            }
        } else if (outcome instanceof CaptureOutcome.Failed f && f.reason() == CaptureFailure.RATE_LIMITED
                && incidents.captured(leak.target())) {
            // what grows or survives now is most likely kept by the leak already alerted: the next
            // capture says so (or gives it a chain of its own) instead of an alert without one
            LOG.info("{}: {} wait(s) for the next capture before alerting on its own (a capture found a leak with a chain)",
                    leak.target(), open.stream().map(LeakTrigger::key).toList());
            open.forEach(t -> byTrigger.putIfAbsent(t.key(), List.of()));
            incidents.await(rest);
            retryWhenAllowed(leak.target());
        } else {
            String noDump = outcome instanceof CaptureOutcome.Failed f ? " (no heap dump: " + f.reason().label() + ")"
                    : outcome == null ? "" : " (the heap dump showed no strongly held instances)";
            fileUnexplained(byTrigger, leak.target(), open, noDump, sites);
        }
        alert(leak.target());
    }

    /** Files {@code trigger} under {@code incident}, which now lists its series as also growing. */
    private void join(Map<SeriesKey, List<LeakNotice>> byTrigger, LeakNotice incident, LeakTrigger trigger) {
        LeakNotice joined = incidents.join(incident, trigger.key());
        byTrigger.replaceAll((key, notices) -> notices.stream()
                .map(n -> n.signature().equals(incident.signature()) ? joined : n).toList());
        byTrigger.put(trigger.key(), List.of(joined));
    }

    /** As long as the growth took, at least a second, at most the rate limit's period (when it has one). */
    private Duration recheckDelay(Duration window) {
        Duration period = capture.orElseThrow().policy().minInterval();
        Duration wait = window.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : window;
        return period.isZero() || wait.compareTo(period) <= 0 ? wait : period;
    }

    /** Schedules the recheck of the target's last capture, with the series waiting for it. */
    private void recheckAfter(String target, Duration wait) {
        delivery.schedule(() -> submit(target, () -> incidents.takeProvisional(target)
                .ifPresent(first -> respondToWaiting(target, Optional.of(first)))), wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Schedules one more look at the target's waiting series once its capture rate limit allows. */
    private void retryWhenAllowed(String target) {
        if (!retrying.add(target)) {
            return;
        }
        // only after a capture was rate-limited, so capture is on
        long delay = capture.orElseThrow().untilNextCapture(target).toMillis() + 1000;
        delivery.schedule(() -> submit(target, () -> {
            retrying.remove(target);
            respondToWaiting(target, Optional.empty());
        }), delay, TimeUnit.MILLISECONDS);
    }

    /** Responds to the series of {@code target} waiting for a capture that are still confirmed. */
    private void respondToWaiting(String target, Optional<CaptureOutcome.Captured> recheck) {
        Set<SeriesKey> live = current.getOrDefault(target, Map.of()).keySet();
        incidents.takeWaiting(target, live).ifPresent(waiting -> respond(waiting, recheck));
    }

    private CaptureOutcome captureOf(ConfirmedLeak leak, boolean recheck) {
        CaptureRequest request = new CaptureRequest(leak.target(), leak.identity().pid(), leak.growingTypes(),
                leak.includeMarkers(), leak.trend());
        CaptureOutcome outcome;
        try (DumperSource.Dumper dumper = dumpers.open(leak.target(), leak.identity())) {
            outcome = capture.orElseThrow().capture(request, dumper, recheck);
        } catch (IOException e) {
            LOG.warn("No capture of {}: cannot connect to pid {}: {}", leak.target(), leak.identity().pid(), e.getMessage());
            outcome = new CaptureOutcome.Failed(leak.target(), CaptureFailure.TARGET_GONE, e.getMessage());
        }
        events.captured(leak.target(), outcome instanceof CaptureOutcome.Failed f ? f.reason().label() : "captured");
        return outcome;
    }

    /** One notice per alerted accumulation point the dump found. */
    private List<LeakNotice> fromFindings(ConfirmedLeak leak, CaptureOutcome.Captured captured) {
        String link = captured.reportPath().map(reportUrl).orElse("");
        return incidents.fromFindings(leak, captured.analysis().findings(), link);
    }

    private static List<LeakNotice> withSites(List<LeakNotice> notices, String sites) {
        return sites.isEmpty() ? notices : notices.stream().map(n -> new LeakNotice(n.target(), n.signature(), n.summary(),
                n.topChains(), n.reportUrl(), n.labels(), n.magnitude(), sites)).toList();
    }

    /**
     * Files {@code open}, triggers no dump explains, under one notice: the series confirmed together
     * are one leak of the target to the person paged, not one alert per growing type. The first
     * trigger leads (its series is the signature, as there is no accumulation point), its summary
     * followed by {@code noDump}, why no holder names it; the others are listed as also growing.
     */
    private static void fileUnexplained(Map<SeriesKey, List<LeakNotice>> byTrigger, String target, List<LeakTrigger> open,
                                        String noDump, String sites) {
        LeakTrigger lead = open.get(0);
        Set<String> also = new LinkedHashSet<>();
        open.stream().skip(1).filter(t -> !t.key().equals(SeriesKey.HEAP)).forEach(t -> also.add(Incidents.subject(t.key())));
        LeakNotice notice = new LeakNotice(target, lead.key().text(), target + ": " + lead.summary() + noDump, "", "",
                Map.of("kind", lead.kind().label()), lead.magnitude());
        List<LeakNotice> filed = withSites(List.of(Incidents.alsoGrowing(notice, also)), sites);
        open.forEach(t -> byTrigger.put(t.key(), filed));
    }

    /** The first trigger's summary, and how many more series were confirmed with it. */
    private void clear(String target, List<SeriesKey> keys) {
        Map<SeriesKey, List<LeakNotice>> byTrigger = current.get(target);
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
            growth.forget(target);
        }
        save();
        report(target);
        deliver();
    }

    /**
     * Hands the target's current leaks to the alert service, each notice's magnitude scaled by how
     * much the series filed under it grew since (so a growing leak re-alerts by growthFactor).
     */
    private void report(String target) {
        Map<String, LeakNotice> bySignature = new LinkedHashMap<>();
        Map<String, Set<SeriesKey>> series = new HashMap<>();
        current.getOrDefault(target, Map.of()).forEach((key, list) -> list.forEach(n -> {
            bySignature.putIfAbsent(n.signature(), n);
            series.computeIfAbsent(n.signature(), s -> new HashSet<>()).add(key);
        }));
        List<LeakNotice> notices = bySignature.values().stream()
                .map(n -> growth.scaled(n, series.get(n.signature()))).toList();
        try {
            alerts.leaking(target, notices);
        } catch (IOException e) {
            LOG.error("Cannot queue the alerts of {}: {}", target, e.toString());
        }
    }

    /** From the delivery schedule: re-reports every target with leaks, so grown ones re-alert. */
    private void reportGrowth() {
        try {
            worker.execute(() -> List.copyOf(current.keySet()).forEach(this::report));
        } catch (RejectedExecutionException e) {
            LOG.debug("Leak growth not re-measured now: the responder is busy or closing");
        }
    }

    private void save() {
        if (state != null) {
            Map<String, Map<String, List<LeakNotice>>> copy = new LinkedHashMap<>();
            current.forEach((t, m) -> {
                Map<String, List<LeakNotice>> byText = new LinkedHashMap<>();
                // a trigger waiting for a capture (no notice yet) is not done: a restart resumes it
                m.forEach((key, notices) -> {
                    if (!notices.isEmpty()) {
                        byText.put(key.text(), notices);
                    }
                });
                copy.put(t, byText);
            });
            stateDirty = !state.save(new Leaks(Leaks.VERSION, copy));
        }
    }

    /** The saved notices of one target, filed under the series their text form names. */
    private static Map<SeriesKey, List<LeakNotice>> bySeries(Map<String, List<LeakNotice>> saved) {
        Map<SeriesKey, List<LeakNotice>> bySeries = new LinkedHashMap<>();
        saved.forEach((text, notices) -> bySeries.put(SeriesKey.parse(text), notices));
        return bySeries;
    }

    /** A state file for {@link #LeakResponder(Optional, DumperSource, AlertService, PipelineEvents, Function, Duration, StateFile)}. */
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

    /**
     * The daemon is stopping: a capture in progress that the stop cuts off (its analysis killed)
     * is not alerted, and its triggers are left for the next start to resume.
     */
    public void stopping() {
        closing = true;
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
