package io.leakwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real Prometheus (the Debian {@code prometheus} binary) on a free loopback port with its own
 * storage directory, scraping what the given config says.
 */
final class PrometheusServer implements AutoCloseable {

    private final LocalProcess process;
    private final String url;

    private PrometheusServer(LocalProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    static PrometheusServer start(Path workDir, String configYaml) throws IOException, InterruptedException {
        Path binary = ExternalTool.find("prometheus");
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, configYaml);
        int port = LocalProcess.freePort();
        LocalProcess p = LocalProcess.start("prometheus", workDir, List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(workDir.resolve("prometheus-data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"));
        PrometheusServer server = new PrometheusServer(p, "http://127.0.0.1:" + port);
        Waits.until("Prometheus ready", Duration.ofSeconds(60), p,
                () -> HttpJson.get(server.url + "/-/ready").status() == 200);
        return server;
    }

    /** An instant query; the whole API answer (status, data.result or error). */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return HttpJson.getJson(url + "/api/v1/query?query=" + HttpJson.encode(promql));
    }

    /** The result vector of an instant query that must succeed. */
    JsonNode resultOf(String promql) throws IOException, InterruptedException {
        JsonNode answer = query(promql);
        if (!"success".equals(answer.path("status").asText())) {
            throw new AssertionError("query failed: " + promql + " -> " + answer);
        }
        return answer.path("data").path("result");
    }

    /** Active alerts (pending and firing) as Prometheus' API lists them. */
    JsonNode alerts() throws IOException, InterruptedException {
        return HttpJson.getJson(url + "/api/v1/alerts").path("data").path("alerts");
    }

    LocalProcess process() {
        return process;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
