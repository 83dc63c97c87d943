package io.leakwatch.alert;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leakwatch.files.Json;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * Posts each alert as one JSON object to a URL (format in README.md, "Alert webhook"):
 * {@code version}, {@code source}, {@code state}, {@code target}, {@code signature}, {@code summary},
 * {@code topChains}, {@code reportUrl}, {@code labels}, {@code since}, {@code time}, and
 * {@code allocationSites} (one site per line, empty when none were sampled).
 */
public final class WebhookSink implements AlertSink {

    /** Payload format version; bumped only on incompatible changes. */
    public static final String VERSION = "1";


    private final URI url;
    private final Map<String, String> headers;
    private final JsonPoster poster;

    /**
     * @param url      the receiver
     * @param timeouts connect and request timeouts
     * @param headers  extra request headers (e.g. an Authorization token)
     */
    public WebhookSink(URI url, HttpTimeouts timeouts, Map<String, String> headers) {
        this.url = Objects.requireNonNull(url, "url");
        this.headers = Map.copyOf(headers);
        this.poster = new JsonPoster(timeouts);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public Delivery send(Alert alert) {
        return poster.post(url, payload(alert), headers);
    }

    static String payload(Alert alert) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("version", VERSION);
        node.put("source", "leakwatch");
        node.put("state", alert.state().label());
        node.put("target", alert.target());
        node.put("signature", alert.signature());
        node.put("summary", alert.summary());
        node.put("topChains", alert.topChains());
        node.put("reportUrl", alert.reportUrl());
        ObjectNode labels = node.putObject("labels");
        alert.labels().forEach(labels::put);
        node.put("since", alert.since().toString());
        node.put("time", alert.time().toString());
        node.put("allocationSites", alert.allocationSites());
        return node.toString();
    }
}
