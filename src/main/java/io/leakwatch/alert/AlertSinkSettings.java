package io.leakwatch.alert;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which sinks to build, from configuration: an absent URL turns that sink off.
 *
 * @param timeouts              for every HTTP sink
 * @param alertmanagerUrl       Alertmanager base URL ({@code http://host:9093/})
 * @param alertmanagerActiveFor how long a firing alert stays active in Alertmanager without a re-post
 * @param webhookUrl            generic webhook receiver
 * @param webhookHeaders        extra headers for the webhook (e.g. Authorization)
 * @param slackWebhookUrl       Slack incoming-webhook URL
 * @param log                   also write alerts to the log
 * @param links                 runbook and dashboard links of the Alertmanager alerts
 */
public record AlertSinkSettings(
        HttpTimeouts timeouts,
        Optional<URI> alertmanagerUrl,
        Duration alertmanagerActiveFor,
        Optional<URI> webhookUrl,
        Map<String, String> webhookHeaders,
        Optional<URI> slackWebhookUrl,
        boolean log,
        AlertLinks links) {

    public AlertSinkSettings {
        Objects.requireNonNull(links, "links");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(alertmanagerActiveFor, "alertmanagerActiveFor");
        webhookHeaders = Map.copyOf(webhookHeaders);
        requireHttp("alertmanagerUrl", alertmanagerUrl);
        requireHttp("webhookUrl", webhookUrl);
        requireHttp("slackWebhookUrl", slackWebhookUrl);
    }

    /** Only the log sink, default timeouts, 24 h Alertmanager activity. */
    public static AlertSinkSettings logOnly() {
        return new AlertSinkSettings(HttpTimeouts.defaults(), Optional.empty(), Duration.ofHours(24), Optional.empty(),
                Map.of(), Optional.empty(), true, AlertLinks.none());
    }

    /** The configured sinks, in a stable order: log, alertmanager, webhook, slack. */
    public List<AlertSink> build() {
        List<AlertSink> sinks = new ArrayList<>();
        if (log) {
            sinks.add(new LogSink());
        }
        alertmanagerUrl.ifPresent(url -> sinks.add(new AlertmanagerSink(url, timeouts, alertmanagerActiveFor, links)));
        webhookUrl.ifPresent(url -> sinks.add(new WebhookSink(url, timeouts, webhookHeaders)));
        slackWebhookUrl.ifPresent(url -> sinks.add(new SlackSink(url, timeouts)));
        return sinks;
    }

    private static void requireHttp(String key, Optional<URI> url) {
        Objects.requireNonNull(url, key);
        url.ifPresent(u -> {
            if (!u.isAbsolute() || !("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                throw new IllegalArgumentException(key + ": '" + u + "' is not an absolute http(s) URL");
            }
        });
    }
}
