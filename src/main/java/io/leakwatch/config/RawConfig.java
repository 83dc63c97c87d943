package io.leakwatch.config;

import java.util.List;

/**
 * The file as Jackson binds it: every scalar still a string, so that checking and the error
 * messages stay ours. Unknown keys are rejected during binding.
 */
record RawConfig(List<RawTarget> targets, RawHttp http, String dataDir, RawExport export, RawDetection detection,
                 RawCapture capture, RawAlerts alerts, RawSampling sampling, RawAllocations allocations) {

    /** The {@code sampling} section, globally and per target: the pause budget. */
    record RawSampling(String pauseBudget, String maxPause, String escalationPause) {
    }

    /** The {@code allocations} section. */
    record RawAllocations(String enabled, String always, String duration, List<String> packages, String depth,
                          String top) {
    }

    /** One {@code targets[]} entry. */
    record RawTarget(
            String name,
            String pid,
            String pidFile,
            String mainClass,
            String jmxUrl,
            String username,
            String password,
            RawJmxTls jmxTls,
            String interval,
            String cron,
            String attachTimeout,
            String callTimeout,
            RawDetection detection,
            RawMarkers markers,
            RawSampling sampling) {
    }

    /** A target's {@code jmxTls} section. */
    record RawJmxTls(String truststore, String truststorePassword, String keystore, String keystorePassword,
                     String registrySsl) {
    }

    /** The {@code http} section. */
    record RawHttp(String address, String port, RawTls tls, RawAuth auth) {
    }

    /** {@code http.tls}. */
    record RawTls(String keystore, String password) {
    }

    /** {@code http.auth}. */
    record RawAuth(String username, String passwordHash) {
    }

    /** The {@code export} section. */
    record RawExport(List<String> include, List<String> exclude, String topN, List<String> allow) {
    }

    /** The {@code detection} section, globally and per target: any subset of the detector's settings. */
    record RawDetection(
            String warmUp,
            String minSamples,
            String minSpan,
            String maxSamples,
            String maxAge,
            String maxPValue,
            String minHeapBytesPerHour,
            String minTypeBytesPerHour,
            String minRelativeGrowth,
            String sawtoothPeriod,
            String minEnvelopeSlopeRatio,
            String compactionCycle,
            String minRecentSlopeRatio,
            String decelerationZ,
            String shapeFitRatio,
            String confirmAfter,
            String clearAfter,
            String topTypes,
            String typeFloorBytes,
            String maxTrackedTypes) {
    }

    /** The {@code capture} section. */
    record RawCapture(String enabled, String directory, String quota, String minInterval, String keepDumps,
                      String freeSpaceFactor, String freeSpaceReserve, String dumpTimeout, String analysis,
                      String analysisHeap, String analysisTimeout) {
    }

    /** The {@code alerts} section. */
    record RawAlerts(String alertmanager, String webhook, String slack, String log, String repeatInterval,
                     String growthFactor, String timeout, String runbookUrl, String dashboardUrl,
                     String resolveHoldOff) {
    }

    /** A target's {@code markers} section. */
    record RawMarkers(String grace, List<RawMarkerMethod> methods) {
    }

    /** One {@code markers.methods[]} entry. */
    record RawMarkerMethod(String method, String label) {
    }
}
