package io.leakwatch.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertSinkSettingsTest {

    @Test
    void buildsTheConfiguredSinksInAStableOrder() {
        AlertSinkSettings settings = new AlertSinkSettings(HttpTimeouts.defaults(),
                Optional.of(URI.create("http://127.0.0.1:9093/")), Duration.ofHours(1),
                Optional.of(URI.create("https://hooks.example/leaks")), Map.of("Authorization", "Bearer x"),
                Optional.of(URI.create("https://hooks.slack.example/services/T/B/X")), true, AlertLinks.none());

        assertThat(settings.build()).extracting(AlertSink::name).containsExactly("log", "alertmanager", "webhook", "slack");
        assertThat(AlertSinkSettings.logOnly().build()).extracting(AlertSink::name).containsExactly("log");
    }

    @Test
    void rejectsAUrlThatIsNotHttpNamingTheKey() {
        assertThatThrownBy(() -> new AlertSinkSettings(HttpTimeouts.defaults(), Optional.of(URI.create("localhost:9093")),
                Duration.ofHours(1), Optional.empty(), Map.of(), Optional.empty(), false, AlertLinks.none()))
                .hasMessage("alertmanagerUrl: 'localhost:9093' is not an absolute http(s) URL");
        assertThatThrownBy(() -> new AlertSinkSettings(HttpTimeouts.defaults(), Optional.empty(), Duration.ofHours(1),
                Optional.of(URI.create("file:///etc/passwd")), Map.of(), Optional.empty(), false, AlertLinks.none()))
                .hasMessageContaining("webhookUrl");
    }
}
