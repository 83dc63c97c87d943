package io.leakwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.alert.Alert;
import io.leakwatch.alert.AlertState;
import io.leakwatch.alert.AlertmanagerSink;
import io.leakwatch.alert.Delivery;
import io.leakwatch.alert.HttpTimeouts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped Alertmanager configuration makes the daemon's own alert the one page for a leak: while
 * {@code LeakWatchLeak} fires for a target, the Prometheus rule alerts {@code LeakWatchLeakConfirmed}
 * and {@code LeakWatchHeapGrowing} of that target are inhibited, and those of other targets are not
 * (a confirmed-leak rule alert in turn inhibits the heap-growth one).
 * A real Alertmanager runs the shipped file; the daemon's alert goes through the real sink, and the
 * rule alerts are posted to the same API v2 endpoint Prometheus posts them to (running Prometheus
 * long enough for its rules to fire would only add minutes, not another code path of ours).
 */
class AlertInhibitionIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void theDaemonsLeakAlertInhibitsTheRuleAlertsOfItsTargetOnly() throws Exception {
        String shipped = Files.readString(RepoFiles.root().resolve("deploy/docker/alertmanager.yml"));
        try (AlertmanagerServer am = AlertmanagerServer.start(work, shipped)) {
            postRuleAlert(am, "LeakWatchLeakConfirmed", "orders");
            postRuleAlert(am, "LeakWatchHeapGrowing", "orders");
            postRuleAlert(am, "LeakWatchLeakConfirmed", "billing");
            Map<String, String> before = states(am);
            // before the daemon's alert, the rule's confirmed leak is the page and explains the growing heap
            assertThat(before).containsEntry("LeakWatchLeakConfirmed/orders", "active")
                    .containsEntry("LeakWatchHeapGrowing/orders", "suppressed")
                    .containsEntry("LeakWatchLeakConfirmed/billing", "active");

            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            AlertmanagerSink sink = new AlertmanagerSink(URI.create(am.url() + "/"), HttpTimeouts.defaults(),
                    Duration.ofHours(1));
            assertThat(sink.send(new Alert("orders", "sig-orders", AlertState.FIRING, "orders: byte[] grows",
                    "ROOT static Orders.ALL", "", Map.of(), now, now))).isInstanceOf(Delivery.Delivered.class);

            Map<String, String> after = states(am);
            assertThat(after).containsEntry("LeakWatchLeak/orders", "active")
                    .containsEntry("LeakWatchLeakConfirmed/orders", "suppressed")
                    .containsEntry("LeakWatchHeapGrowing/orders", "suppressed")
                    .containsEntry("LeakWatchLeakConfirmed/billing", "active");
        }
    }

    /** Per alert name and target, the state Alertmanager gives it (active, suppressed). */
    private static Map<String, String> states(AlertmanagerServer am) throws Exception {
        Map<String, String> states = new HashMap<>();
        for (JsonNode a : am.alerts()) {
            states.put(a.path("labels").path("alertname").asText() + "/" + a.path("labels").path("target").asText(),
                    a.path("status").path("state").asText());
        }
        return states;
    }

    private static void postRuleAlert(AlertmanagerServer am, String name, String target) throws Exception {
        String body = """
                [{"labels": {"alertname": "%s", "target": "%s", "severity": "warning", "job": "leakwatch"},
                  "annotations": {"summary": "rule alert"},
                  "startsAt": "%s"}]""".formatted(name, target, Instant.now().minusSeconds(30));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(am.url() + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
