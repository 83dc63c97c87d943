package io.leakwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that open connections and send half a request (slowloris) must not keep Prometheus out,
 * nor make closing the endpoint hang. More of them than the pool has threads: the request time
 * limit frees the threads.
 */
class SlowClientIT {

    @TempDir
    Path dir;

    @Test
    void halfSentRequestsDoNotBlockAScrape() throws Exception {
        byte[] half = "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        scrapeDespite(new HttpSettings("127.0.0.1", 0), null, half);
    }

    @Test
    void halfSentTlsHandshakesDoNotBlockAnHttpsScrape() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, "slow-pw");
        HttpSettings https = new HttpSettings("127.0.0.1", 0, Optional.of(new HttpSettings.Tls(p12, "slow-pw")), Optional.empty());
        // the first bytes of a TLS record header (handshake, TLS 1.0 record version), then nothing
        scrapeDespite(https, TestKeystores.trusting(p12, "slow-pw"), new byte[] {0x16, 0x03, 0x01});
    }

    private static void scrapeDespite(HttpSettings settings, SSLContext client, byte[] half) throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Counter.builder("leakwatch.slow.probe").register(registry).increment();
        List<Socket> slow = new ArrayList<>();
        try (MetricsServer server = MetricsServer.start(registry, settings, null)) {
            for (int i = 0; i < HttpServerLimits.MAX_THREADS + 16; i++) {
                Socket s = new Socket("127.0.0.1", server.port());
                slow.add(s);
                OutputStream out = s.getOutputStream();
                out.write(half);
                out.flush();
            }
            RawHttps http = new RawHttps(client, server.port());
            RawHttps.Response r = CompletableFuture.supplyAsync(() -> {
                try {
                    return http.get("/metrics", null, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            assertThat(r.body()).contains("leakwatch_slow_probe_total 1.0");
            long start = System.nanoTime();
            server.close();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("closing with slow clients connected")
                    .isLessThan(Duration.ofSeconds(10));
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
