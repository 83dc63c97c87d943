package io.leakwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.http.HttpSettings;
import io.leakwatch.http.HttpSettings.BasicAuth;
import io.leakwatch.http.HttpSettings.Tls;
import io.leakwatch.http.MetricsServer;
import io.leakwatch.http.TestKeystores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes the endpoint over HTTPS with basic auth, as the reference config
 * describes it: the job with the right password gets the series, the ones with a wrong password or
 * none are down.
 */
class SecureScrapeIT {

    private static final String STORE_PASSWORD = "scrape-store-pw";
    private static final String PASSWORD = "prometheus-scrape-password";

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesOverHttpsWithTheRightPasswordOnly() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        Path ca = TestKeystores.certificatePem(p12, STORE_PASSWORD, dir.resolve("ca.pem"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("leakwatch.secure.probe").register(registry).increment(3);
        HttpSettings settings = new HttpSettings("127.0.0.1", 0, Optional.of(new Tls(p12, STORE_PASSWORD)),
                Optional.of(new BasicAuth("prometheus", BCrypt.withDefaults().hashToString(8, PASSWORD.toCharArray()))));
        try (MetricsServer server = MetricsServer.start(registry, settings, null)) {
            String target = "127.0.0.1:" + server.port();
            String config = """
                    global: {scrape_interval: 1s, scrape_timeout: 1s}
                    scrape_configs:
                      - job_name: right
                        scheme: https
                        basic_auth: {username: prometheus, password: '%2$s'}
                        tls_config: {ca_file: '%1$s'}
                        static_configs: [{targets: ['%3$s']}]
                      - job_name: wrong
                        scheme: https
                        basic_auth: {username: prometheus, password: 'not-it'}
                        tls_config: {ca_file: '%1$s'}
                        static_configs: [{targets: ['%3$s']}]
                      - job_name: anonymous
                        scheme: https
                        tls_config: {ca_file: '%1$s'}
                        static_configs: [{targets: ['%3$s']}]
                    """.formatted(ca, PASSWORD, target);
            try (PrometheusServer prometheus = PrometheusServer.start(dir, config)) {
                Waits.until("all three jobs scraped", Duration.ofSeconds(60), prometheus.process(),
                        () -> prometheus.resultOf("up").size() == 3);
                Waits.until("the probe counter scraped", Duration.ofSeconds(30), prometheus.process(),
                        () -> prometheus.resultOf("leakwatch_secure_probe_total").size() == 1);
                assertThat(value(prometheus.resultOf("up{job=\"right\"}"))).isEqualTo(1.0);
                assertThat(value(prometheus.resultOf("up{job=\"wrong\"}"))).isEqualTo(0.0);
                assertThat(value(prometheus.resultOf("up{job=\"anonymous\"}"))).isEqualTo(0.0);
                JsonNode probe = prometheus.resultOf("leakwatch_secure_probe_total").get(0);
                assertThat(probe.path("metric").path("job").asText()).isEqualTo("right");
                assertThat(probe.path("value").get(1).asDouble()).isEqualTo(3.0);
            }
        }
    }

    private static double value(JsonNode result) {
        assertThat(result).hasSize(1);
        return result.get(0).path("value").get(1).asDouble();
    }
}
