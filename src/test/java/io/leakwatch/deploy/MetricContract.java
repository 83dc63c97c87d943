package io.leakwatch.deploy;

import java.util.Set;

/**
 * The metric names agreed in the developers' brief (Prometheus form), plus the series Prometheus
 * itself makes ({@code up}, {@code ALERTS}). Dashboards and rules may read only these
 * ({@code leakwatch_*}; the daemon's own {@code jvm_*} and {@code process_*} are Micrometer's).
 */
final class MetricContract {

    static final Set<String> NAMES = Set.of(
            "leakwatch_up",
            "leakwatch_samples_total",
            "leakwatch_sample_misfires_total",
            "leakwatch_attach_failures_total",
            "leakwatch_live_heap_bytes",
            "leakwatch_type_instances",
            "leakwatch_type_bytes",
            "leakwatch_sample_duration_seconds_count",
            "leakwatch_sample_duration_seconds_sum",
            "leakwatch_sample_duration_seconds_max",
            "leakwatch_target_pause_seconds_count",
            "leakwatch_target_pause_seconds_sum",
            "leakwatch_target_pause_seconds_max",
            "leakwatch_heap_growth_bytes_per_second",
            "leakwatch_type_growth_bytes_per_second",
            "leakwatch_leak_state",
            "leakwatch_marker_survivors",
            "leakwatch_marker_oldest_age_seconds",
            "leakwatch_captures_total",
            "leakwatch_capture_disk_bytes",
            "leakwatch_capture_quota_bytes",
            "leakwatch_alerts_total",
            "leakwatch_config_reloads_total",
            "leakwatch_config_last_reload_successful",
            "leakwatch_config_last_reload_success_timestamp_seconds",
            "leakwatch_history_write_failures_total",
            "leakwatch_alert_write_failures_total",
            // issue 14: the pause budget's tiers and the heap headroom
            "leakwatch_heap_max_bytes",
            "leakwatch_heap_exhaustion_seconds",
            "leakwatch_samples_by_tier_total",
            "leakwatch_last_histogram_timestamp_seconds",
            "leakwatch_build_info",
            "up",
            "ALERTS");

    private MetricContract() {
    }
}
