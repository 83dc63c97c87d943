package io.leakwatch.config;

import io.leakwatch.alert.AlertLinks;
import io.leakwatch.alert.AlertPolicy;
import io.leakwatch.alert.AlertSinkSettings;
import io.leakwatch.alert.HttpTimeouts;
import io.leakwatch.capture.CapturePolicy;
import io.leakwatch.capture.KeepDumps;
import io.leakwatch.config.RawConfig.RawAlerts;
import io.leakwatch.config.RawConfig.RawCapture;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Checks the {@code capture} and {@code alerts} sections. */
final class SectionBinder {

    private final Problems problems;

    SectionBinder(Problems problems) {
        this.problems = problems;
    }

    CaptureSettings capture(RawCapture raw, Path dataDir) {
        CaptureSettings defaults = CaptureSettings.defaults(dataDir);
        if (raw == null) {
            return defaults;
        }
        CapturePolicy d = defaults.policy();
        boolean enabled = problems.flag("capture.enabled", raw.enabled(), true);
        Path directory = defaults.directory();
        if (raw.directory() != null) {
            Path p = problems.path("capture.directory", raw.directory());
            directory = p == null ? directory : dataDir.resolve(p);
        }
        Long quota = problems.bytes("capture.quota", raw.quota(), d.quotaBytes());
        if (quota != null && quota <= 0) {
            problems.report("capture.quota", "the quota must be above zero; to capture nothing write enabled: false");
            quota = null;
        }
        Duration minInterval = problems.duration("capture.minInterval", raw.minInterval(), d.minInterval());
        KeepDumps keep = keepDumps(raw.keepDumps(), d.keepDumps());
        Double factor = problems.decimal("capture.freeSpaceFactor", raw.freeSpaceFactor(), d.dumpSizeFactor());
        if (factor != null && factor <= 0) {
            problems.report("capture.freeSpaceFactor", "'" + raw.freeSpaceFactor()
                    + "' must be above 0: the expected dump is the used heap times this factor (e.g. 1.2)");
            factor = null;
        }
        Long reserve = problems.bytes("capture.freeSpaceReserve", raw.freeSpaceReserve(), d.freeSpaceReserveBytes());
        Duration timeout = problems.duration("capture.dumpTimeout", raw.dumpTimeout(), d.dumpTimeout());
        AnalysisSettings analysis = analysis(raw, defaults.analysis());
        if (quota == null || minInterval == null || keep == null || factor == null || reserve == null || timeout == null
                || analysis == null) {
            return defaults;
        }
        return new CaptureSettings(enabled, directory, new CapturePolicy(minInterval, quota, factor, reserve, timeout, keep),
                analysis);
    }

    private AnalysisSettings analysis(RawCapture raw, AnalysisSettings d) {
        AnalysisSettings.Mode mode = d.mode();
        if (raw.analysis() != null) {
            mode = switch (raw.analysis().trim()) {
                case "child" -> AnalysisSettings.Mode.CHILD;
                case "inProcess" -> AnalysisSettings.Mode.IN_PROCESS;
                default -> {
                    problems.report("capture.analysis", "'" + raw.analysis() + "' is not one of child (analyse each"
                            + " dump in a child JVM, the default) or inProcess (inside the daemon, which then needs"
                            + " the heap for the largest dump)");
                    yield null;
                }
            };
        }
        Long heap = raw.analysisHeap() != null && raw.analysisHeap().trim().equals("auto") ? Long.valueOf(AnalysisSettings.AUTO)
                : problems.bytes("capture.analysisHeap", raw.analysisHeap(), d.heapBytes());
        if (heap != null && heap != AnalysisSettings.AUTO && heap < AnalysisSettings.MIN_HEAP_BYTES) {
            problems.report("capture.analysisHeap", "'" + raw.analysisHeap() + "' is too small for the analysis JVM;"
                    + " write at least 16MiB, or auto to size it by each dump");
            heap = null;
        }
        Duration timeout = problems.duration("capture.analysisTimeout", raw.analysisTimeout(), d.timeout());
        if (mode == null || heap == null || timeout == null) {
            return null;
        }
        return new AnalysisSettings(mode, heap, timeout);
    }

    private KeepDumps keepDumps(String text, KeepDumps absent) {
        if (text == null) {
            return absent;
        }
        return switch (text.trim()) {
            case "none" -> KeepDumps.DELETE;
            case "raw" -> KeepDumps.KEEP;
            case "gzip" -> KeepDumps.GZIP;
            default -> {
                problems.report("capture.keepDumps", "'" + text + "' is not one of none (delete the dump after the"
                        + " analysis), raw (keep it) or gzip (keep it compressed)");
                yield null;
            }
        };
    }

    AlertSettings alerts(RawAlerts raw) {
        AlertSettings defaults = AlertSettings.defaults();
        if (raw == null) {
            return defaults;
        }
        Optional<URI> alertmanager = url("alerts.alertmanager", raw.alertmanager());
        Optional<URI> webhook = url("alerts.webhook", raw.webhook());
        Optional<URI> slack = url("alerts.slack", raw.slack());
        Optional<URI> runbook = url("alerts.runbookUrl", raw.runbookUrl());
        Optional<URI> dashboard = url("alerts.dashboardUrl", raw.dashboardUrl());
        boolean log = problems.flag("alerts.log", raw.log(), true);
        AlertPolicy d = defaults.policy();
        Duration repeat = problems.duration("alerts.repeatInterval", raw.repeatInterval(), d.repeatInterval());
        Double growth = problems.decimal("alerts.growthFactor", raw.growthFactor(), d.growthFactor());
        if (growth != null && !(growth > 1)) {
            problems.report("alerts.growthFactor", "'" + raw.growthFactor()
                    + "' must be above 1: a firing leak alerts again once it reached this multiple (e.g. 1.5)");
            growth = null;
        }
        Duration holdOff = problems.duration("alerts.resolveHoldOff", raw.resolveHoldOff(), d.resolveHoldOff());
        HttpTimeouts t = HttpTimeouts.defaults();
        Duration request = problems.duration("alerts.timeout", raw.timeout(), t.request());
        if (repeat == null || growth == null || holdOff == null || request == null || alertmanager == null || webhook == null
                || slack == null || runbook == null || dashboard == null) {
            return defaults;
        }
        HttpTimeouts timeouts = new HttpTimeouts(request.compareTo(t.connect()) < 0 ? request : t.connect(), request);
        AlertSinkSettings sinks = new AlertSinkSettings(timeouts, alertmanager, Duration.ofHours(24), webhook, Map.of(),
                slack, log, new AlertLinks(runbook, dashboard));
        return new AlertSettings(sinks, new AlertPolicy(repeat, growth, holdOff));
    }

    /** Empty when not written, null when bad (reported). */
    private Optional<URI> url(String key, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(text.trim());
            if (u.isAbsolute() && ("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return Optional.of(u);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.report(key, "'" + text + "' is not an absolute http(s) URL, e.g. http://127.0.0.1:9093/");
        return null;
    }
}
