package io.leakwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Small HTTP GET client for the test's local servers; every call has a timeout. */
final class HttpJson {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpJson() {
    }

    /** GETs {@code url}; returns status and body, or status -1 when nothing answers. */
    static Response get(String url) throws InterruptedException {
        try {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        }
    }

    static JsonNode getJson(String url) throws InterruptedException, IOException {
        Response r = get(url);
        if (r.status() < 0) {
            throw new IOException("GET " + url + " failed: " + r.body());
        }
        return JSON.readTree(r.body());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Status and body. */
    record Response(int status, String body) {
    }
}
