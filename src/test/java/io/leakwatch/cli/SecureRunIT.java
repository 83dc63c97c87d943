package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.leakwatch.http.RawHttps;
import io.leakwatch.http.TestKeystores;
import io.leakwatch.testing.ChildJvm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakwatch run} as operators start it, with HTTPS, basic auth and secrets from a file and
 * the environment: it creates its data directory 0700, serves metrics and reports only to the
 * configured user, and writes no secret to its output.
 */
class SecureRunIT {

    private static final String STORE_PASSWORD = "run-store-password-7";
    private static final String PASSWORD = "run-scrape-password-9";

    @Test
    void runServesOverHttpsWithAuthAndKeepsItsDataPrivate(@TempDir Path dir) throws Exception {
        Path p12 = TestKeystores.pkcs12(dir, STORE_PASSWORD);
        SSLContext client = TestKeystores.trusting(p12, STORE_PASSWORD);
        String hash = BCrypt.withDefaults().hashToString(6, PASSWORD.toCharArray());
        Path hashFile = Files.writeString(dir.resolve("http.bcrypt"), hash + "\n");
        Path data = dir.resolve("var/lib/leakwatch");
        try (ChildJvm target = ChildJvm.start(GrowingTarget.class, "10")) {
            Path file = Files.writeString(dir.resolve("leakwatch.yml"), """
                    dataDir: %s
                    http:
                      port: 0
                      tls: {keystore: %s, password: '${LW_TEST_STORE_PASSWORD}'}
                      auth: {username: prometheus, passwordHash: 'file:%s'}
                    targets:
                      - {name: app, pid: %d, interval: 1s}
                    """.formatted(data, p12, hashFile, target.pid()));
            ProcessBuilder builder = new ProcessBuilder(ChildJvm.currentJava().toString(), "-Xmx128m",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--config", file.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("output.txt").toFile());
            builder.environment().put("LW_TEST_STORE_PASSWORD", STORE_PASSWORD);
            Process run = builder.start();
            try {
                URI metrics = awaitMetricsUrl(dir.resolve("output.txt"), run);
                assertThat(metrics.getScheme()).isEqualTo("https");
                RawHttps https = new RawHttps(client, metrics.getPort());

                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
                assertThat(https.get("/metrics", null, null).status()).isEqualTo(401);
                assertThat(https.get("/metrics", "prometheus", "wrong").status()).isEqualTo(401);
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                String body = "";
                while (System.nanoTime() < deadline && !body.contains("leakwatch_samples_total{outcome=\"ok\",target=\"app\"}")) {
                    Thread.sleep(500);
                    body = https.get("/metrics", "prometheus", PASSWORD).body();
                }
                assertThat(body).contains("leakwatch_samples_total{outcome=\"ok\",target=\"app\"}");
                assertThat(https.get("/reports/../leakwatch.yml", "prometheus", PASSWORD).status()).isIn(400, 404);
            } finally {
                run.destroy();
                if (!run.waitFor(20, TimeUnit.SECONDS)) {
                    run.destroyForcibly();
                }
            }
            String output = Files.readString(dir.resolve("output.txt"));
            assertThat(output).doesNotContain(STORE_PASSWORD).doesNotContain(PASSWORD).doesNotContain(hash);
        }
    }

    private static URI awaitMetricsUrl(Path output, Process run) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
                int at = line.indexOf("metrics at https://");
                if (line.startsWith("leakwatch: watching") && at >= 0) {
                    return URI.create(line.substring(at + "metrics at ".length()).trim());
                }
            }
            if (!run.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("run did not start serving HTTPS; output:\n" + Files.readString(output));
    }
}
