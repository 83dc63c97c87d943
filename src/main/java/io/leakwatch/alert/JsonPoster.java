package io.leakwatch.alert;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.Objects;

/** Posts JSON with connect and request timeouts and turns the answer into a {@link Delivery}. */
final class JsonPoster {

    private static final int MAX_BODY_IN_DETAIL = 300;

    private final HttpClient client;
    private final HttpTimeouts timeouts;

    JsonPoster(HttpTimeouts timeouts) {
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeouts.connect())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    Delivery post(URI uri, String json, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeouts.request())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return new Delivery.Delivered();
            }
            String body = response.body();
            String detail = "HTTP " + status + " from " + uri + ": "
                    + (body.length() > MAX_BODY_IN_DETAIL ? body.substring(0, MAX_BODY_IN_DETAIL) + "..." : body);
            return new Delivery.Failed(status >= 500 || status == 429 || status == 408, detail);
        } catch (HttpTimeoutException e) {
            return new Delivery.Failed(true, "timed out posting to " + uri + ": " + e.getMessage());
        } catch (IOException e) {
            return new Delivery.Failed(true, "cannot post to " + uri + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery.Failed(true, "interrupted posting to " + uri);
        }
    }
}
