package io.leakwatch.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for every HTTP call a sink makes.
 *
 * @param connect time to establish the connection
 * @param request time for the whole request, from sending to the end of the response
 */
public record HttpTimeouts(Duration connect, Duration request) {
    public HttpTimeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(request, "request");
        if (connect.isZero() || connect.isNegative() || request.isZero() || request.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive: connect=" + connect + " request=" + request);
        }
    }

    /** 5 s to connect, 10 s per request. */
    public static HttpTimeouts defaults() {
        return new HttpTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
}
