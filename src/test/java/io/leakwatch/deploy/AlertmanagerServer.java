package io.leakwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A real Alertmanager (Debian {@code prometheus-alertmanager}) on a free loopback port, clustering off. */
final class AlertmanagerServer implements AutoCloseable {

    private final LocalProcess process;
    private final String url;

    private AlertmanagerServer(LocalProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    static AlertmanagerServer start(Path workDir) throws IOException, InterruptedException {
        return start(workDir, """
                route:
                  receiver: test
                  group_wait: 1s
                  group_interval: 1s
                receivers:
                  - name: test
                """);
    }

    /** One started with {@code configYaml} as its configuration. */
    static AlertmanagerServer start(Path workDir, String configYaml) throws IOException, InterruptedException {
        Path binary = ExternalTool.find("prometheus-alertmanager", "alertmanager");
        Path config = workDir.resolve("alertmanager.yml");
        Files.writeString(config, configYaml);
        int port = LocalProcess.freePort();
        LocalProcess p = LocalProcess.start("alertmanager", workDir, List.of(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + Files.createDirectories(workDir.resolve("alertmanager-data")),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=",
                "--log.level=warn"));
        AlertmanagerServer server = new AlertmanagerServer(p, "http://127.0.0.1:" + port);
        Waits.until("Alertmanager ready", Duration.ofSeconds(60), p,
                () -> HttpJson.get(server.url + "/-/ready").status() == 200);
        return server;
    }

    String url() {
        return url;
    }

    String hostPort() {
        return url.substring("http://".length());
    }

    /** Alerts Alertmanager holds (API v2). */
    JsonNode alerts() throws IOException, InterruptedException {
        return HttpJson.getJson(url + "/api/v2/alerts");
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
