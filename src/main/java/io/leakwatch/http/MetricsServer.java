package io.leakwatch.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;

/**
 * Serves {@code /metrics} of a Prometheus meter registry with the Prometheus client's HTTP
 * server, on the given address only (localhost unless configured otherwise).
 */
public final class MetricsServer implements AutoCloseable {

    private final HTTPServer server;
    private final String address;

    private MetricsServer(HTTPServer server, String address) {
        this.server = server;
        this.address = address;
    }

    /**
     * Starts serving; port 0 picks a free one.
     *
     * @throws IOException naming the address when it cannot be bound (in use, not local)
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, String address, int port) throws IOException {
        try {
            HTTPServer server = HTTPServer.builder()
                    .hostname(address)
                    .port(port)
                    .registry(registry.getPrometheusRegistry())
                    .buildAndStart();
            return new MetricsServer(server, address);
        } catch (BindException e) {
            throw new IOException("cannot listen on " + address + ":" + port + " (" + e.getMessage()
                    + "); choose another http.port or stop what uses it", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The port actually bound. */
    public int port() {
        return server.getPort();
    }

    /** The metrics URL, for messages. */
    public String url() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return "http://" + host + ":" + port() + "/metrics";
    }

    @Override
    public void close() {
        server.close();
    }
}
