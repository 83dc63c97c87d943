package io.leakwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Test helper: a real webhook receiver on a free loopback port that keeps every alert posted to {@code /hook}. */
final class WebhookRecorder implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    WebhookRecorder() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL for {@code alerts.webhook}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<JsonNode> received() {
        return List.copyOf(received);
    }

    /** The first alert matching {@code wanted} within {@code timeout}, while {@code alive}. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout, BooleanSupplier alive, Supplier<String> context)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            for (JsonNode a : received) {
                if (wanted.test(a)) {
                    return a;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such webhook alert within " + timeout + " (daemon alive: " + alive.getAsBoolean()
                + "); received: " + summary() + "\n" + context.get());
    }

    /** The first alert matching {@code wanted} within {@code timeout}, from a daemon running in this JVM. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) throws InterruptedException {
        return await(wanted, timeout, () -> true, () -> "in full: " + received);
    }

    /** Firing alerts for a signature that was firing already (not resolved in between): duplicates. */
    List<String> repeatedWhileFiring() {
        Set<String> firing = new HashSet<>();
        List<String> repeated = new ArrayList<>();
        for (JsonNode a : received) {
            String signature = a.path("signature").asText();
            if (a.path("state").asText().equals("resolved")) {
                firing.remove(signature);
            } else if (!firing.add(signature)) {
                repeated.add(signature + " at " + a.path("time").asText());
            }
        }
        return repeated;
    }

    /** state, signature and kind of each alert received, in order. */
    List<String> summary() {
        return received.stream().map(a -> a.path("state").asText() + " " + a.path("signature").asText() + "/"
                + a.at("/labels/kind").asText()).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
