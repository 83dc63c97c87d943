package io.leakwatch.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.files.Json;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Posts alerts to Alertmanager's API v2 ({@code POST /api/v2/alerts}): labels {@code alertname=LeakWatchLeak},
 * {@code severity=critical} (a confirmed leak is the page; an extra label may override it),
 * {@code target}, {@code signature} and the alert's extra labels; annotations {@code summary},
 * {@code description} (the top chains), {@code allocation_sites} (when sampled), {@code report_url} and, when
 * configured, {@code runbook_url} and {@code dashboard_url}. The shipped Alertmanager config inhibits the
 * Prometheus rule alert {@code LeakWatchLeakConfirmed} of the same target while this one fires. A firing alert stays active for
 * {@code activeFor} after the last post (so it expires if the daemon dies); a resolve sends
 * {@code endsAt} = the time the leak cleared.
 */
public final class AlertmanagerSink implements AlertSink {

    /** The {@code alertname} label of every LeakWatch alert. */
    public static final String ALERT_NAME = "LeakWatchLeak";
    /** The {@code severity} label unless the alert's extra labels set another. */
    public static final String SEVERITY = "critical";


    private final URI alertsEndpoint;
    private final Duration activeFor;
    private final JsonPoster poster;
    private final AlertLinks links;

    /** A sink whose alerts carry no runbook or dashboard link. */
    public AlertmanagerSink(URI baseUrl, HttpTimeouts timeouts, Duration activeFor) {
        this(baseUrl, timeouts, activeFor, AlertLinks.none());
    }

    /**
     * @param baseUrl   Alertmanager's base URL, e.g. {@code http://127.0.0.1:9093/}
     * @param timeouts  connect and request timeouts
     * @param activeFor how long a firing alert stays active without being posted again
     * @param links     runbook and dashboard links the alerts carry
     */
    public AlertmanagerSink(URI baseUrl, HttpTimeouts timeouts, Duration activeFor, AlertLinks links) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        this.links = Objects.requireNonNull(links, "links");
        this.activeFor = Objects.requireNonNull(activeFor, "activeFor");
        if (activeFor.isZero() || activeFor.isNegative()) {
            throw new IllegalArgumentException("activeFor must be positive: " + activeFor);
        }
        String base = baseUrl.toString();
        this.alertsEndpoint = URI.create((base.endsWith("/") ? base : base + "/") + "api/v2/alerts");
        this.poster = new JsonPoster(timeouts);
    }

    @Override
    public String name() {
        return "alertmanager";
    }

    @Override
    public Delivery send(Alert alert) {
        return poster.post(alertsEndpoint, payload(alert), Map.of());
    }

    String payload(Alert alert) {
        ArrayNode alerts = Json.MAPPER.createArrayNode();
        ObjectNode node = alerts.addObject();
        ObjectNode labels = node.putObject("labels");
        labels.put("severity", SEVERITY);
        alert.labels().forEach(labels::put);
        labels.put("alertname", ALERT_NAME);
        labels.put("target", alert.target());
        labels.put("signature", alert.signature());
        ObjectNode annotations = node.putObject("annotations");
        annotations.put("summary", alert.summary());
        annotations.put("description", alert.topChains());
        if (!alert.allocationSites().isEmpty()) {
            annotations.put("allocation_sites", alert.allocationSites());
        }
        if (!alert.reportUrl().isEmpty()) {
            annotations.put("report_url", alert.reportUrl());
            node.put("generatorURL", alert.reportUrl());
        }
        links.runbook().ifPresent(u -> annotations.put("runbook_url", u.toString()));
        links.dashboardFor(alert.target()).ifPresent(u -> annotations.put("dashboard_url", u));
        node.put("startsAt", alert.since().toString());
        node.put("endsAt", (alert.state() == AlertState.FIRING ? alert.time().plus(activeFor) : alert.time()).toString());
        return alerts.toString();
    }
}
