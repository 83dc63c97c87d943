package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allocation sites in each sink's payload, and alerts stored before they existed. */
class AllocationSitesPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final String SITES = "7 × com.example.Session allocated at com.example.Server.open:41 (oldest 93 s)";
    private static final Instant T = Instant.parse("2026-12-04T21:00:00Z");

    private static Alert alert(String sites) {
        return new Alert("orders", "3f9c", AlertState.FIRING, "orders: Session leaks", "ROOT ...\n-> Session", "",
                Map.of(), T, T, sites);
    }

    @Test
    void webhookCarriesTheSitesAndAnEmptyFieldWithout() throws Exception {
        assertThat(JSON.readTree(WebhookSink.payload(alert(SITES))).get("allocationSites").asText()).isEqualTo(SITES);
        assertThat(JSON.readTree(WebhookSink.payload(alert(""))).get("allocationSites").asText()).isEmpty();
    }

    @Test
    void alertmanagerGetsAnAnnotationOnlyWhenSampled() throws Exception {
        AlertmanagerSink sink = new AlertmanagerSink(URI.create("http://127.0.0.1:9/"), HttpTimeouts.defaults(),
                Duration.ofHours(1));
        JsonNode with = JSON.readTree(sink.payload(alert(SITES))).get(0).get("annotations");
        assertThat(with.get("allocation_sites").asText()).isEqualTo(SITES);
        assertThat(with.get("description").asText()).contains("Session");
        assertThat(JSON.readTree(sink.payload(alert(""))).get(0).get("annotations").has("allocation_sites")).isFalse();
    }

    @Test
    void slackShowsTheSitesInTheirOwnCodeBlock() throws Exception {
        JsonNode blocks = JSON.readTree(SlackSink.payload(alert(SITES))).get("blocks");
        assertThat(blocks.get(2).get("text").get("text").asText()).startsWith("```\nallocated at")
                .contains(SITES).endsWith("```");
        assertThat(JSON.readTree(SlackSink.payload(alert(""))).get("blocks").size()).isEqualTo(2);
    }

    @Test
    void deduplicationKeepsTheSitesAndOldStateFilesReadWithoutThem() throws Exception {
        LeakNotice notice = new LeakNotice("orders", "3f9c", "s", "", "", Map.of(), 10, SITES);
        assertThat(new AlertDeduplicator(AlertPolicy.defaults(), java.time.Clock.fixed(T, java.time.ZoneOffset.UTC))
                .onLeak(notice)).hasValueSatisfying(a -> assertThat(a.allocationSites()).isEqualTo(SITES));
        assertThat(new LeakNotice("orders", "3f9c", "s", "", "", Map.of(), 10).allocationSites()).isEmpty();
        String old = JSON.writeValueAsString(notice).replace(",\"allocationSites\":\"" + SITES + "\"", "");
        assertThat(old).doesNotContain("allocationSites");
        assertThat(JSON.readValue(old, LeakNotice.class).allocationSites()).isEmpty();
        assertThat(JSON.readValue(JSON.writeValueAsString(notice), LeakNotice.class)).isEqualTo(notice);
        String oldAlert = JSON.writeValueAsString(alert(SITES)).replace(",\"allocationSites\":\"" + SITES + "\"", "");
        assertThat(JSON.readValue(oldAlert, Alert.class).allocationSites()).isEmpty();
        assertThat(alert(SITES).resolvedAt(T.plusSeconds(5)).allocationSites()).isEqualTo(SITES);
    }
}
