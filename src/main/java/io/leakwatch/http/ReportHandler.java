package io.leakwatch.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.leakwatch.capture.ReportFiles;
import io.leakwatch.capture.ReportFiles.Resolution;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything but {@code /metrics}: report files under {@code /reports/} through {@link ReportFiles}
 * (which keeps requests inside the capture directory and never serves dumps), 404 elsewhere.
 * The client gets only the status; why a request was refused goes to the DEBUG log.
 */
final class ReportHandler implements HttpHandler {

    static final String PREFIX = "/reports/";
    private static final Logger LOG = LoggerFactory.getLogger(ReportHandler.class);

    private final ReportFiles reports;

    /** {@code reports} may be null: then no reports are served. */
    ReportHandler(ReportFiles reports) {
        this.reports = reports;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                plain(exchange, 405, "method not allowed");
                return;
            }
            // the raw path: ReportFiles decodes it once itself, so double encoding stays visible
            String path = exchange.getRequestURI().getRawPath();
            if (reports == null || path == null || !path.startsWith(PREFIX)) {
                plain(exchange, 404, "not found");
                return;
            }
            Resolution resolution = reports.resolve(path.substring(PREFIX.length()));
            if (resolution instanceof Resolution.Rejected rejected) {
                LOG.debug("refused {}: {}", path, rejected.reason());
                plain(exchange, rejected.status(), rejected.status() == 404 ? "not found" : "bad request");
                return;
            }
            Resolution.Found found = (Resolution.Found) resolution;
            exchange.getResponseHeaders().set("Content-Type", found.contentType());
            exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            exchange.sendResponseHeaders(200, Files.size(found.file()));
            try (InputStream in = Files.newInputStream(found.file()); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
