package io.leakwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.leakwatch.capture.ReportFiles;
import io.leakwatch.http.HttpSettings.BasicAuth;
import io.leakwatch.http.HttpSettings.Tls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint over real HTTPS with a keystore keytool made, basic auth against a bcrypt hash,
 * and report files served from a real capture directory; requests go over real sockets.
 */
class SecureHttpIT {

    private static final String STORE_PASSWORD = "store-pass-42";
    private static final String USER = "prometheus";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String OUTSIDE_SECRET = "OUTSIDE-THE-REPORTS-DIRECTORY";

    @TempDir
    Path dir;
    private Path captures;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @BeforeEach
    void captureDirectory() throws IOException {
        Counter.builder("leakwatch.probe").register(registry).increment();
        captures = Files.createDirectories(dir.resolve("data/captures"));
        Path capture = Files.createDirectories(captures.resolve("orders-20261125T100000Z-4242"));
        Files.writeString(capture.resolve("report.html"), "<html>chains of orders</html>");
        Files.writeString(capture.resolve("report.txt"), "text chains of orders");
        Files.writeString(capture.resolve("heap.hprof"), "JAVA PROFILE 1.0.2 dump bytes");
        Files.writeString(dir.resolve("data/secret.txt"), OUTSIDE_SECRET);
        Files.writeString(dir.resolve("secret.txt"), OUTSIDE_SECRET);
        Files.createSymbolicLink(captures.resolve("escape"), dir);
    }

    private HttpSettings settings(Path keystore, String password) {
        String hash = BCrypt.withDefaults().hashToString(6, PASSWORD.toCharArray());
        return new HttpSettings("127.0.0.1", 0, Optional.of(new Tls(keystore, password)),
                Optional.of(new BasicAuth(USER, hash)));
    }

    @Test
    void httpsWithBasicAuthServesMetricsAndReportsOnlyToTheRightPassword() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        SSLContext client = TestKeystores.trusting(p12, STORE_PASSWORD);
        try (MetricsServer server = MetricsServer.start(registry, settings(p12, STORE_PASSWORD), new ReportFiles(captures))) {
            assertThat(server.url()).startsWith("https://127.0.0.1:");
            RawHttps https = new RawHttps(client, server.port());

            for (String path : List.of("/metrics", "/reports/orders-20261125T100000Z-4242/report.html")) {
                RawHttps.Response none = https.get(path, null, null);
                assertThat(none.status()).as(path).isEqualTo(401);
                assertThat(none.headers()).contains("Basic realm=\"leakwatch\"");
                assertThat(none.body()).doesNotContain("leakwatch_probe").doesNotContain("chains");
                assertThat(https.get(path, USER, "wrong password").status()).as(path).isEqualTo(401);
                assertThat(https.get(path, "someone-else", PASSWORD).status()).as(path).isEqualTo(401);
                assertThat(https.get(path, USER, PASSWORD).status()).as(path).isEqualTo(200);
            }
            assertThat(https.get("/metrics", USER, PASSWORD).body()).contains("leakwatch_probe_total 1.0");
            RawHttps.Response report = https.get("/reports/orders-20261125T100000Z-4242/report.html", USER, PASSWORD);
            assertThat(report.body()).contains("<html>chains of orders</html>");
            assertThat(report.headers()).containsIgnoringCase("content-type: text/html")
                    .containsIgnoringCase("content-security-policy: default-src 'none'");
            // the remembered digest of a good password lets no other password in
            assertThat(https.get("/metrics", USER, PASSWORD + " ").status()).isEqualTo(401);
            assertThat(https.get("/metrics", USER, PASSWORD).status()).isEqualTo(200);

            assertThatThrownBy(() -> new RawHttps(null, server.port()).get("/metrics", USER, PASSWORD))
                    .as("plain HTTP to the HTTPS port").isInstanceOf(Exception.class);
        }
    }

    @Test
    void probesAnswerWithoutCredentialsAndReadyOnlyOnceMarked() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        SSLContext client = TestKeystores.trusting(p12, STORE_PASSWORD);
        try (MetricsServer server = MetricsServer.start(registry, settings(p12, STORE_PASSWORD), new ReportFiles(captures))) {
            RawHttps https = new RawHttps(client, server.port());
            assertThat(https.get("/-/healthy", null, null).status()).isEqualTo(200);
            RawHttps.Response starting = https.get("/-/ready", null, null);
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.body()).doesNotContain("leakwatch_probe");

            server.markReady();

            assertThat(https.get("/-/ready", null, null).status()).isEqualTo(200);
            assertThat(https.get("/-/ready", null, null).body()).isEqualTo("ready\n");
            // only the exact probe paths are exempt
            assertThat(https.get("/-/ready/../metrics", null, null).status()).isEqualTo(401);
            assertThat(https.get("/-/healthyx", null, null).status()).isEqualTo(401);
            assertThat(https.get("/metrics", null, null).status()).isEqualTo(401);
        }
    }

    @Test
    void reportPathsCannotEscapeTheReportsDirectory() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        SSLContext client = TestKeystores.trusting(p12, STORE_PASSWORD);
        try (MetricsServer server = MetricsServer.start(registry, settings(p12, STORE_PASSWORD), new ReportFiles(captures))) {
            RawHttps https = new RawHttps(client, server.port());
            List<String> attacks = List.of(
                    "/reports/../secret.txt",
                    "/reports/../../secret.txt",
                    "/reports/%2e%2e/secret.txt",
                    "/reports/%2E%2E%2Fsecret.txt",
                    "/reports/%252e%252e/secret.txt",
                    "/reports/orders-20261125T100000Z-4242/..%2f..%2fsecret.txt",
                    "/reports/orders-20261125T100000Z-4242/../../secret.txt",
                    "/reports/..%5c..%5csecret.txt",
                    "/reports//etc/passwd",
                    "/reports/%2fetc%2fpasswd",
                    "/reports/escape/secret.txt",
                    "/reports/escape/data/secret.txt",
                    "/reports/orders-20261125T100000Z-4242/heap.hprof",
                    "/reports/orders-20261125T100000Z-4242/report.txt%00.html",
                    "/secret.txt",
                    "/../secret.txt");
            for (String attack : attacks) {
                RawHttps.Response r = https.get(attack, USER, PASSWORD);
                assertThat(r.status()).as(attack).isIn(400, 404);
                assertThat(r.body()).as(attack).doesNotContain(OUTSIDE_SECRET).doesNotContain("JAVA PROFILE");
            }
            // the /metrics context takes this one by prefix and answers with metrics, not the file
            assertThat(https.get("/metrics/../reports/../secret.txt", USER, PASSWORD).body())
                    .doesNotContain(OUTSIDE_SECRET);
            assertThat(https.get("/reports/orders-20261125T100000Z-4242/report.txt", USER, PASSWORD).body())
                    .contains("text chains of orders");
        }
    }

    @Test
    void aPemKeystoreServesTheSameCertificate() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        Path pem = TestKeystores.pem(p12, STORE_PASSWORD, dir.resolve("server.pem"));
        SSLContext client = TestKeystores.trusting(p12, STORE_PASSWORD);
        try (MetricsServer server = MetricsServer.start(registry, settings(pem, ""), null)) {
            RawHttps https = new RawHttps(client, server.port());
            assertThat(https.get("/metrics", USER, PASSWORD).body()).contains("leakwatch_probe_total 1.0");
            assertThat(https.get("/reports/orders-20261125T100000Z-4242/report.txt", USER, PASSWORD).status())
                    .as("no reports configured").isEqualTo(404);
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        Path other = Files.createDirectories(dir.resolve("other"));
        SSLContext stranger = TestKeystores.trusting(TestKeystores.pkcs12(other, STORE_PASSWORD), STORE_PASSWORD);
        try (MetricsServer server = MetricsServer.start(registry, settings(p12, STORE_PASSWORD), null)) {
            assertThatThrownBy(() -> new RawHttps(stranger, server.port()).get("/metrics", USER, PASSWORD))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aWrongKeystorePasswordNamesTheKeyButNotThePassword() throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        assertThatThrownBy(() -> MetricsServer.start(registry, settings(p12, "not-the-password-xyz"), null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("http.tls.keystore " + p12)
                .hasMessageContaining("password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password-xyz", STORE_PASSWORD));

        Path junk = Files.writeString(dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
                StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> MetricsServer.start(registry, settings(junk, ""), null))
                .isInstanceOf(IOException.class).hasMessageContaining("http.tls.keystore " + junk);
    }

    @Test
    void withoutTlsAndAuthItIsPlainHttpOnLocalhost() throws Exception {
        try (MetricsServer server = MetricsServer.start(registry, new HttpSettings("127.0.0.1", 0), new ReportFiles(captures))) {
            assertThat(server.url()).startsWith("http://127.0.0.1:");
            RawHttps http = new RawHttps(null, server.port());
            assertThat(http.get("/metrics", null, null).body()).contains("leakwatch_probe_total 1.0");
            assertThat(http.get("/reports/orders-20261125T100000Z-4242/report.txt", null, null).body())
                    .contains("text chains of orders");
            assertThat(http.get("/reports/../secret.txt", null, null).status()).isIn(400, 404);
        }
    }
}
