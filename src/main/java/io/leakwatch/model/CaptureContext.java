package io.leakwatch.model;

import java.time.Instant;
import java.util.Objects;

/**
 * What a capture's report says beside the dump's analysis: which target, when, and the trend that
 * triggered it. Made by the capture service (its clock), read by the report writers, which read no
 * clock themselves.
 *
 * @param target     configured target name
 * @param capturedAt when the capture started
 * @param trend      what detection saw when it confirmed the leak ({@link LeakTrend#NONE} when unknown)
 */
public record CaptureContext(String target, Instant capturedAt, LeakTrend trend) {
    public CaptureContext {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(trend, "trend");
    }
}
