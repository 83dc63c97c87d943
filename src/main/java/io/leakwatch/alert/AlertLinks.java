package io.leakwatch.alert;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an operator goes from a LeakWatch alert: the runbook and the Grafana target dashboard
 * ({@code alerts.runbookUrl}, {@code alerts.dashboardUrl}). Alertmanager alerts carry them as the
 * {@code runbook_url} and {@code dashboard_url} annotations, the names kube-prometheus uses.
 *
 * @param runbook   the runbook page, e.g. {@code https://git.example/leakwatch/README.md#leakwatchleak}
 * @param dashboard the target dashboard, e.g. {@code http://grafana:3000/d/leakwatch-target}; the
 *                  alert's target is added as {@code var-target}
 */
public record AlertLinks(Optional<URI> runbook, Optional<URI> dashboard) {

    public AlertLinks {
        Objects.requireNonNull(runbook, "runbook");
        Objects.requireNonNull(dashboard, "dashboard");
    }

    /** No links configured. */
    public static AlertLinks none() {
        return new AlertLinks(Optional.empty(), Optional.empty());
    }

    /** The dashboard URL for one target, with {@code var-target} set; empty when none is configured. */
    public Optional<String> dashboardFor(String target) {
        return dashboard.map(d -> {
            String base = d.toString();
            String sep = base.contains("?") ? "&" : "?";
            return base + sep + "var-target=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
        });
    }
}
