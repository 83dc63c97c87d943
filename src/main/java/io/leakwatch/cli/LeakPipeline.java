package io.leakwatch.cli;

import io.leakwatch.alert.AlertDeduplicator;
import io.leakwatch.alert.AlertOutbox;
import io.leakwatch.alert.AlertService;
import io.leakwatch.alert.AlertSink;
import io.leakwatch.alert.RetryPolicy;
import io.leakwatch.attach.AttachDumperSource;
import io.leakwatch.attach.AttachTargetSamplerFactory;
import io.leakwatch.export.HeadroomMetrics;
import io.leakwatch.pipeline.EscalationListener;
import io.leakwatch.attach.MarkerAgentListener;
import io.leakwatch.attach.MarkerAgentLoader;
import io.leakwatch.capture.CaptureAnalyzer;
import io.leakwatch.capture.CaptureService;
import io.leakwatch.capture.TargetFilesystem;
import io.leakwatch.config.AnalysisSettings;
import io.leakwatch.config.ConfigDiff;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.export.AllocationMetrics;
import io.leakwatch.export.GrowthMetrics;
import io.leakwatch.export.PipelineMetrics;
import io.leakwatch.export.TypeFilter;
import io.leakwatch.heap.ChildJvmCaptureAnalyzer;
import io.leakwatch.heap.HprofCaptureAnalyzer;
import io.leakwatch.history.HistoryRetention;
import io.leakwatch.history.HistoryStore;
import io.leakwatch.pipeline.AllocationSampling;
import io.leakwatch.pipeline.DetectionListener;
import io.leakwatch.pipeline.DetectionReload;
import io.leakwatch.pipeline.LeakResponder;
import io.leakwatch.sample.SampleListener;
import io.leakwatch.trend.DetectorSettings;
import io.leakwatch.trend.GrowthTracker;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Builds the leak pipeline from a checked config: growth tracker re-seeded from the history,
 * growth and pipeline metrics, capture service on the HPROF engine, alert sinks and outbox, the
 * responder, and the marker agent loader. Its listeners go after the exporters in the daemon.
 */
final class LeakPipeline implements AutoCloseable {

    /** Signatures per type or label in a capture's analysis. */
    private static final int TOP_SIGNATURES = 3;
    /** Instances analyzed per type at most, so a capture of a huge type still ends. */
    private static final int INSTANCE_LIMIT = 50_000;

    private final List<SampleListener> listeners;
    private final LeakResponder responder;
    private final MarkerAgentListener agents;
    private final AtomicReference<String> reportBase;
    private final PipelineTargets live;
    private final DetectionReload reload;
    private final PipelineMetrics metrics;
    private final CaptureAnalyzer analyzer;
    private final EscalationListener escalation;
    private final HeadroomMetrics headroom;
    private AllocationSampling allocations;
    private final AtomicReference<TypeFilter> exportFilter;

    private LeakPipeline(List<SampleListener> listeners, LeakResponder responder, MarkerAgentListener agents,
                         AtomicReference<String> reportBase, PipelineTargets live, DetectionReload reload,
                         PipelineMetrics metrics,
                         CaptureAnalyzer analyzer, EscalationListener escalation, HeadroomMetrics headroom,
                         AtomicReference<TypeFilter> exportFilter) {
        this.escalation = escalation;
        this.headroom = headroom;
        this.exportFilter = exportFilter;
        this.listeners = listeners;
        this.responder = responder;
        this.agents = agents;
        this.reportBase = reportBase;
        this.live = live;
        this.reload = reload;
        this.metrics = metrics;
        this.analyzer = analyzer;
    }

    /**
     * @param extraSinks sinks besides the configured ones (the demo's console)
     * @throws IOException when the data, capture or outbox directory cannot be made
     */
    static LeakPipeline open(LeakwatchConfig config, AttachTargetSamplerFactory attach, MeterRegistry registry,
                             Clock clock, List<AlertSink> extraSinks, Duration deliveryPeriod) throws IOException {
        PipelineTargets targets = new PipelineTargets(config);
        GrowthTracker tracker = new GrowthTracker(name -> {
            TargetConfig t = targets.get(name);
            return t != null ? t.detection() : config.detection();
        });
        HistoryStore history = new HistoryStore(config.dataDir(), retention(config), clock);
        DetectionReload.reseed(tracker, history, targets.names());
        AtomicReference<TypeFilter> exportFilter = new AtomicReference<>(config.export());
        GrowthMetrics growth = new GrowthMetrics(tracker::latestAll, exportFilter::get);
        growth.bindTo(registry);

        AnalysisSettings analysis = config.capture().analysis();
        CaptureAnalyzer analyzer = analysis.mode() == AnalysisSettings.Mode.CHILD
                ? new ChildJvmCaptureAnalyzer(TOP_SIGNATURES, INSTANCE_LIMIT, analysis.heapBytes(), analysis.timeout())
                : new HprofCaptureAnalyzer(TOP_SIGNATURES, INSTANCE_LIMIT);
        Optional<CaptureService> capture = config.capture().enabled()
                ? Optional.of(CaptureService.open(config.capture().directory(), config.capture().policy(),
                        analyzer, new TargetFilesystem(), clock))
                : Optional.empty();
        PipelineMetrics metrics = new PipelineMetrics(capture.<LongSupplier>map(c -> c::diskBytes).orElse(() -> 0),
                capture.isEmpty() ? 0 : config.capture().policy().quotaBytes());
        metrics.bindTo(registry);
        metrics.registerWriteFailures(targets.names());

        List<AlertSink> sinks = new ArrayList<>(config.alerts().sinks().build());
        sinks.addAll(extraSinks);
        Path alertDir = config.dataDir().resolve("alerts");
        AlertOutbox outbox = AlertOutbox.open(alertDir, sinks, RetryPolicy.defaults(), clock, metrics);
        AlertService alerts = new AlertService(AlertDeduplicator.open(config.alerts().policy(), clock,
                alertDir.resolve("dedup.json"), metrics), outbox);

        AtomicReference<String> reportBase = new AtomicReference<>("");
        LeakResponder responder = new LeakResponder(capture, new AttachDumperSource(attach, targets::route), alerts, metrics,
                path -> reportBase.get().isEmpty() ? "" : reportBase.get() + path, deliveryPeriod,
                LeakResponder.stateFile(alertDir.resolve("leaks.json"), metrics, clock));
        DetectionListener detection = new DetectionListener(tracker, history, growth::refresh,
                targets::markerDetector, responder, metrics);

        MarkerAgentListener agents = new MarkerAgentListener(
                new MarkerAgentLoader(MarkerAgentLoader.besideDaemon(), Duration.ofSeconds(30)), targets.markerMethods());
        DetectionReload reload = new DetectionReload(tracker, history, growth::refresh, responder);
        EscalationListener escalation = new EscalationListener(tracker, name -> {
            TargetConfig t = targets.get(name);
            return t != null ? t.detection() : config.detection();
        }, targets::markerDetector, attach.escalations());
        HeadroomMetrics headroom = new HeadroomMetrics(tracker::latest);
        headroom.bindTo(registry);
        LeakPipeline pipeline = new LeakPipeline(List.of(agents, reload, detection, escalation, headroom), responder,
                agents, reportBase, targets, reload, metrics, analyzer, escalation, headroom, exportFilter);
        pipeline.allocations = allocationSampling(config, attach, targets, registry, clock, detection, responder);
        return pipeline;
    }

    /** JFR old-object sampling of suspected targets, its sites in the responder's alerts. */
    private static AllocationSampling allocationSampling(LeakwatchConfig config, AttachTargetSamplerFactory attach,
                                                         PipelineTargets targets, MeterRegistry registry, Clock clock,
                                                         DetectionListener detection, LeakResponder responder) {
        AllocationMetrics metrics = new AllocationMetrics();
        metrics.bindTo(registry);
        AllocationSampling sampling = new AllocationSampling(config.allocations(),
                new AllocationRecorders(attach, targets::get, Path.of(System.getProperty("java.io.tmpdir"))),
                metrics, clock);
        detection.withAllocationSampling(sampling);
        responder.withAllocationSampling(sampling);
        return sampling;
    }

    /** Enough history for every target's detection window, and at least the store's defaults. */
    private static HistoryRetention retention(LeakwatchConfig config) {
        HistoryRetention d = HistoryRetention.defaults();
        Duration age = d.maxAge();
        int samples = d.maxSamples();
        for (TargetConfig t : config.targets()) {
            DetectorSettings s = t.detection();
            age = s.maxAge().compareTo(age) > 0 ? s.maxAge() : age;
            samples = Math.max(samples, s.maxSamples());
        }
        return new HistoryRetention(age, samples);
    }

    /**
     * Takes the target changes of a reloaded config (added, changed; removed ones go by
     * {@link #forget(String)} once their last round is over). Capture, alert and data-directory
     * settings stay as started.
     */
    void retarget(ConfigDiff diff) {
        metrics.registerWriteFailures(diff.added().stream().map(TargetConfig::name).toList());
        live.apply(diff).forEach(reload::reseedBeforeNextRound);
        agents.retarget(live.markerMethods());
    }

    /** Which types get growth and leak-state series from each target's next sample on. */
    void exportFilter(TypeFilter filter) {
        exportFilter.set(filter);
    }

    /** Drops a target no longer watched: its growth state and series; its alerts resolve. */
    void forget(String target) {
        live.forget(target);
        reload.forget(target);
        agents.retarget(live.markerMethods());
        escalation.forget(target);
        headroom.forget(target);
    }

    /**
     * The consumers of each round, in order: agent loading, re-seeding after a reload, detection,
     * then escalation and headroom, which read detection's verdicts.
     */
    List<SampleListener> listeners() {
        return listeners;
    }

    /** Links in alerts point at {@code base}{@code <capture id>/report.html}, e.g. http://host:9464/reports/. */
    void reportLinks(String base) {
        reportBase.set(base);
    }

    /** Kills a running analysis JVM, waits up to {@code timeout} for the capture in progress, then stops. */
    void close(Duration timeout) {
        // before the analysis is killed: a capture cut off by the stop is not a failure to alert
        responder.stopping();
        agents.close();
        allocations.close();
        if (analyzer instanceof ChildJvmCaptureAnalyzer child) {
            child.close();
        }
        responder.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
