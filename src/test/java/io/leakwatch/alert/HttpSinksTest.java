package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The webhook and Slack sinks against a real local HTTP server (com.sun.net.httpserver). */
class HttpSinksTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LocalReceiver receiver;

    HttpSinksTest() throws Exception {
        receiver = new LocalReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static Alert alert(AlertState state, String chains) {
        return new Alert("orders", "sig-1", state, "orders: byte[] <grows> 120 MB/h & more", chains,
                "http://127.0.0.1:9464/reports/orders-1/report.html", Map.of("team", "payments"),
                Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-25T10:05:00Z"));
    }

    @Test
    void webhookPostsTheDocumentedJson() throws Exception {
        WebhookSink sink = new WebhookSink(receiver.url("/hook"), HttpTimeouts.defaults(),
                Map.of("Authorization", "Bearer t0ken"));

        assertThat(sink.send(alert(AlertState.FIRING, "root -> Cache.map -> byte[]")))
                .isInstanceOf(Delivery.Delivered.class);

        LocalReceiver.Received got = receiver.received().get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.path()).isEqualTo("/hook");
        assertThat(got.headers().get("Authorization")).containsExactly("Bearer t0ken");
        assertThat(got.headers().get("Content-type")).containsExactly("application/json");
        JsonNode body = JSON.readTree(got.body());
        assertThat(body.path("version").asText()).isEqualTo("1");
        assertThat(body.path("source").asText()).isEqualTo("leakwatch");
        assertThat(body.path("state").asText()).isEqualTo("firing");
        assertThat(body.path("target").asText()).isEqualTo("orders");
        assertThat(body.path("signature").asText()).isEqualTo("sig-1");
        assertThat(body.path("summary").asText()).isEqualTo("orders: byte[] <grows> 120 MB/h & more");
        assertThat(body.path("topChains").asText()).isEqualTo("root -> Cache.map -> byte[]");
        assertThat(body.path("reportUrl").asText()).isEqualTo("http://127.0.0.1:9464/reports/orders-1/report.html");
        assertThat(body.path("labels").path("team").asText()).isEqualTo("payments");
        assertThat(body.path("since").asText()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(body.path("time").asText()).isEqualTo("2026-11-25T10:05:00Z");
    }

    @Test
    void slackGetsTextAndBlocksWithTheChainEscaped() throws Exception {
        SlackSink sink = new SlackSink(receiver.url("/services/T/B/X"), HttpTimeouts.defaults());

        assertThat(sink.send(alert(AlertState.FIRING, "root -> Map<K,V> -> byte[]"))).isInstanceOf(Delivery.Delivered.class);

        JsonNode body = JSON.readTree(receiver.received().get(0).body());
        assertThat(body.path("text").asText()).contains("Leak in orders", "&lt;grows&gt;", "&amp; more");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks).hasSize(3);
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("section");
        assertThat(blocks.get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).path("text").path("text").asText())
                .isEqualTo("```\nroot -&gt; Map&lt;K,V&gt; -&gt; byte[]```");
        assertThat(blocks.get(2).path("text").path("text").asText())
                .isEqualTo("<http://127.0.0.1:9464/reports/orders-1/report.html|Full report>");
    }

    @Test
    void slackCutsAVeryLongChainToTheSectionLimit() throws Exception {
        SlackSink sink = new SlackSink(receiver.url("/s"), HttpTimeouts.defaults());

        sink.send(alert(AlertState.FIRING, "x".repeat(10_000)));

        JsonNode chains = JSON.readTree(receiver.received().get(0).body()).path("blocks").get(1);
        assertThat(chains.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(SlackSink.MAX_SECTION).endsWith("...```");
    }

    @Test
    void slackResolveHasNoChains() throws Exception {
        SlackSink sink = new SlackSink(receiver.url("/s"), HttpTimeouts.defaults());

        sink.send(alert(AlertState.RESOLVED, "root -> x"));

        JsonNode body = JSON.readTree(receiver.received().get(0).body());
        assertThat(body.path("text").asText()).contains("Leak resolved in orders");
        assertThat(body.path("blocks")).hasSize(2);
    }

    @Test
    void aServerErrorIsRetryableAClientErrorIsNot() {
        WebhookSink sink = new WebhookSink(receiver.url("/hook"), HttpTimeouts.defaults(), Map.of());

        receiver.answer(500);
        assertThat(sink.send(alert(AlertState.FIRING, ""))).isInstanceOfSatisfying(Delivery.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.detail()).contains("HTTP 500", "status 500");
        });
        receiver.answer(404);
        assertThat(sink.send(alert(AlertState.FIRING, ""))).isInstanceOfSatisfying(Delivery.Failed.class,
                f -> assertThat(f.retryable()).isFalse());
    }

    @Test
    void aSlowReceiverTimesOutAndIsRetryable() {
        receiver.delay(Duration.ofSeconds(5));
        WebhookSink sink = new WebhookSink(receiver.url("/hook"),
                new HttpTimeouts(Duration.ofSeconds(1), Duration.ofMillis(500)), Map.of());

        long start = System.nanoTime();
        Delivery delivery = sink.send(alert(AlertState.FIRING, ""));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(delivery).isInstanceOfSatisfying(Delivery.Failed.class, f -> {
            assertThat(f.retryable()).isTrue();
            assertThat(f.detail()).contains("timed out");
        });
    }
}
