package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Posts to and reads back from a real Alertmanager. */
class AlertmanagerSinkIT {

    @TempDir
    static Path dir;

    @TempDir
    Path otherDir;

    private static RealAlertmanager alertmanager;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        alertmanager = RealAlertmanager.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
    }

    private static Alert firing(String signature) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Alert("orders", signature, AlertState.FIRING, "orders: byte[] grows 120 MB/h",
                "GC root: static OrderCache.INSTANCE\n  -> OrderCache.entries (HashMap)\n  -> byte[] x 12034",
                "http://127.0.0.1:9464/reports/orders-1/report.html", Map.of("team", "payments"),
                now.minusSeconds(60), now);
    }

    static List<JsonNode> leakAlerts(RealAlertmanager am, String signature) throws Exception {
        String filter = URLEncoder.encode("signature=\"" + signature + "\"", StandardCharsets.UTF_8);
        var response = am.get("/api/v2/alerts?filter=" + filter);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<JsonNode> alerts = new ArrayList<>();
        JSON.readTree(response.body()).forEach(alerts::add);
        return alerts;
    }

    @Test
    void postsAFiringAlertWithLabelsAndAnnotationsThenResolvesIt() throws Exception {
        AlertmanagerSink sink = new AlertmanagerSink(alertmanager.baseUrl(), HttpTimeouts.defaults(), Duration.ofHours(1),
                new AlertLinks(Optional.of(URI.create("https://git.example/leakwatch/README.md#leakwatchleak")),
                        Optional.of(URI.create("http://grafana.example:3000/d/leakwatch-target"))));
        Alert alert = firing("sig-cache-1");

        assertThat(sink.send(alert)).isInstanceOf(Delivery.Delivered.class);

        List<JsonNode> active = leakAlerts(alertmanager, "sig-cache-1");
        assertThat(active).hasSize(1);
        JsonNode got = active.get(0);
        assertThat(got.path("labels").path("alertname").asText()).isEqualTo("LeakWatchLeak");
        assertThat(got.path("labels").path("target").asText()).isEqualTo("orders");
        assertThat(got.path("labels").path("team").asText()).isEqualTo("payments");
        assertThat(got.path("labels").path("severity").asText()).isEqualTo("critical");
        assertThat(got.path("annotations").path("runbook_url").asText())
                .isEqualTo("https://git.example/leakwatch/README.md#leakwatchleak");
        assertThat(got.path("annotations").path("dashboard_url").asText())
                .isEqualTo("http://grafana.example:3000/d/leakwatch-target?var-target=orders");
        assertThat(got.path("annotations").path("summary").asText()).isEqualTo(alert.summary());
        assertThat(got.path("annotations").path("description").asText()).isEqualTo(alert.topChains());
        assertThat(got.path("annotations").path("report_url").asText()).isEqualTo(alert.reportUrl());
        assertThat(got.path("status").path("state").asText()).isEqualTo("active");
        assertThat(Instant.parse(got.path("startsAt").asText())).isEqualTo(alert.since());
        assertThat(Instant.parse(got.path("endsAt").asText())).isEqualTo(alert.time().plus(Duration.ofHours(1)));

        assertThat(sink.send(alert.resolvedAt(Instant.now()))).isInstanceOf(Delivery.Delivered.class);

        assertThat(leakAlerts(alertmanager, "sig-cache-1")).isEmpty();
    }

    @Test
    void aStoppedAlertmanagerIsARetryableFailureWithinTheTimeouts() throws Exception {
        try (RealAlertmanager other = RealAlertmanager.start(otherDir)) {
            other.stop();
            AlertmanagerSink sink = new AlertmanagerSink(other.baseUrl(),
                    new HttpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2)), Duration.ofHours(1));

            long start = System.nanoTime();
            Delivery delivery = sink.send(firing("sig-down"));

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(delivery).isInstanceOfSatisfying(Delivery.Failed.class, f -> assertThat(f.retryable()).isTrue());
        }
    }

    @Test
    void aMalformedAlertIsRejectedForGood() throws Exception {
        AlertmanagerSink sink = new AlertmanagerSink(alertmanager.baseUrl(), HttpTimeouts.defaults(), Duration.ofHours(1));
        Alert alert = firing("sig-bad");
        // Alertmanager refuses an alert that ends before it starts (HTTP 400): retrying cannot help.
        Alert endsBeforeItStarts = new Alert(alert.target(), alert.signature(), AlertState.RESOLVED, alert.summary(),
                alert.topChains(), alert.reportUrl(), alert.labels(), alert.time(), alert.time().minusSeconds(3600));

        assertThat(sink.send(endsBeforeItStarts)).isInstanceOfSatisfying(Delivery.Failed.class,
                f -> assertThat(f.retryable()).as(f.detail()).isFalse());
    }
}
