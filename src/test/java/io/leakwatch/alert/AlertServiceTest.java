package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deduplication, outbox and a webhook sink together, against a real local HTTP receiver. */
class AlertServiceTest {

    @TempDir
    Path dir;

    private final LocalReceiver receiver;

    AlertServiceTest() throws Exception {
        receiver = new LocalReceiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private static LeakNotice notice(String signature) {
        return new LeakNotice("orders", signature, "grows", "root -> x", "", Map.of(), 100);
    }

    @Test
    void sendsNewLeaksOnceAndResolvesThoseThatWentAway() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
        AlertOutbox outbox = AlertOutbox.open(dir, List.of(new WebhookSink(receiver.url("/h"), HttpTimeouts.defaults(),
                Map.of())), RetryPolicy.defaults(), clock);
        AlertService service = new AlertService(new AlertDeduplicator(new AlertPolicy(Duration.ofHours(6), 2), clock), outbox);

        assertThat(service.leaking("orders", List.of(notice("a"), notice("b")))).hasSize(2);
        assertThat(service.leaking("orders", List.of(notice("a"), notice("b")))).isEmpty();
        assertThat(service.leaking("orders", List.of(notice("a")))).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(AlertState.RESOLVED));
        assertThat(service.cleared("orders")).extracting(Alert::signature).containsExactly("a");
        service.deliverDue();

        ObjectMapper json = new ObjectMapper();
        List<String> received = receiver.received().stream().map(r -> {
            try {
                var body = json.readTree(r.body());
                return body.path("signature").asText() + ":" + body.path("state").asText();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertThat(received).containsExactly("a:firing", "b:firing", "b:resolved", "a:resolved");
    }
}
