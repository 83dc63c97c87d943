package io.leakwatch.http;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Liveness and readiness probes, Prometheus' own paths: {@code /-/healthy} answers 200 while the
 * HTTP server runs (the Prometheus client's server answers it), {@code /-/ready} 200 once the
 * daemon samples its targets and 503 before. Both are exempt from {@code http.auth}, so a
 * kubelet probes them without the scrape password; they reveal nothing but up or not.
 */
final class Probes {

    static final String HEALTHY = "/-/healthy";
    static final String READY = "/-/ready";
    private static final Set<String> EXEMPT = Set.of(HEALTHY, READY);

    private Probes() {
    }

    /** {@code next} for every path but {@code /-/ready}, which reports {@code ready}. */
    static HttpHandler readiness(HttpHandler next, BooleanSupplier ready) {
        return exchange -> {
            if (!READY.equals(exchange.getRequestURI().getPath())) {
                next.handle(exchange);
                return;
            }
            try (exchange) {
                boolean up = ready.getAsBoolean();
                byte[] body = ((up ? "ready" : "starting") + "\n").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
                exchange.sendResponseHeaders(up ? 200 : 503, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        };
    }

    /** {@code auth} for every path but the probes, which pass without credentials. */
    static Authenticator exemptingProbes(Authenticator auth) {
        return new Authenticator() {
            @Override
            public Result authenticate(HttpExchange exchange) {
                if (EXEMPT.contains(exchange.getRequestURI().getPath())) {
                    return new Success(new HttpPrincipal("probe", "leakwatch"));
                }
                return auth.authenticate(exchange);
            }
        };
    }
}
