package io.leakwatch.http;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.leakwatch.capture.ReportFiles;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code /metrics} of a Prometheus meter registry, and report files under
 * {@code /reports/}, with the Prometheus client's HTTP server on the given address only
 * (localhost unless configured otherwise), over HTTPS when {@code http.tls} is set and behind
 * basic authentication (every path but the probes {@code /-/healthy} and {@code /-/ready}) when
 * {@code http.auth} is set.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    private final HTTPServer server;
    private final ExecutorService executor;
    private final String address;
    private final boolean tls;
    private final AtomicBoolean ready;

    private MetricsServer(HTTPServer server, ExecutorService executor, String address, boolean tls, AtomicBoolean ready) {
        this.ready = ready;
        this.server = server;
        this.executor = executor;
        this.address = address;
        this.tls = tls;
    }

    /** Plain HTTP on {@code address:port}, no reports, no authentication; port 0 picks a free one. */
    public static MetricsServer start(PrometheusMeterRegistry registry, String address, int port) throws IOException {
        return start(registry, new HttpSettings(address, port), null);
    }

    /**
     * Starts serving as {@code settings} say; port 0 picks a free one.
     *
     * @param reports report files to serve under {@code /reports/}, or null for none
     * @throws IOException naming the address when it cannot be bound (in use, not local), or the
     *                     keystore when it cannot be used
     */
    public static MetricsServer start(PrometheusMeterRegistry registry, HttpSettings settings, ReportFiles reports)
            throws IOException {
        SSLContext tls = settings.tls().isPresent() ? TlsContexts.serverContext(settings.tls().get()) : null;
        HttpServerLimits.install(); // done at start-up by the commands; here for servers started without them
        ExecutorService executor = HttpServerLimits.executor();
        AtomicBoolean ready = new AtomicBoolean();
        HTTPServer.Builder builder = HTTPServer.builder()
                .executorService(executor)
                .hostname(settings.address())
                .port(settings.port())
                .registry(registry.getPrometheusRegistry())
                .defaultHandler(Probes.readiness(new ReportHandler(reports), ready::get));
        if (tls != null) {
            builder.httpsConfigurator(configurator(tls));
        }
        settings.auth().ifPresent(auth -> builder.authenticator(Probes.exemptingProbes(new BcryptAuthenticator(auth))));
        if (settings.auth().isPresent() && settings.tls().isEmpty() && !loopback(settings.address())) {
            LOG.warn("http.auth is set without http.tls on {}: passwords cross the network in clear text; add http.tls",
                    settings.address());
        }
        try {
            return new MetricsServer(builder.buildAndStart(), executor, settings.address(), settings.tls().isPresent(),
                    ready);
        } catch (BindException e) {
            executor.shutdownNow();
            throw new IOException("cannot listen on " + settings.address() + ":" + settings.port() + " (" + e.getMessage()
                    + "); choose another http.port or stop what uses it", e);
        } catch (UncheckedIOException e) {
            executor.shutdownNow();
            throw e.getCause();
        }
    }

    private static HttpsConfigurator configurator(SSLContext context) {
        return new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                ssl.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                params.setSSLParameters(ssl);
            }
        };
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** From now on {@code /-/ready} answers 200: the daemon samples its targets. */
    public void markReady() {
        ready.set(true);
    }

    /** The port actually bound. */
    public int port() {
        return server.getPort();
    }

    /** The metrics URL, for messages. */
    public String url() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return (tls ? "https" : "http") + "://" + host + ":" + port() + "/metrics";
    }

    /** Stops listening; threads still serving a slow client are interrupted, not waited for. */
    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
    }
}
