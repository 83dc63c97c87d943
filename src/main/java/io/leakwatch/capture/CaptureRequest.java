package io.leakwatch.capture;

import io.leakwatch.model.LeakTrend;
import java.util.List;
import java.util.Objects;

/**
 * A request to capture one target that the trend detection confirmed as leaking. The target must
 * be a process on this host (attached locally): the dump is written by the target and read by the
 * daemon from the local file system. A target reached only through a remote JMX URL cannot be
 * captured this way.
 *
 * @param target         configured target name (the rate limit and records are per name)
 * @param pid            the target's process id (for {@code /proc/<pid>/root} path translation)
 * @param growingTypes   the types whose growth triggered the capture ({@code heap} for the whole heap)
 * @param includeMarkers also explain the marked objects that survived
 * @param trend          what detection saw when it confirmed the leak, for the report
 */
public record CaptureRequest(String target, long pid, List<String> growingTypes, boolean includeMarkers,
                             LeakTrend trend) {
    public CaptureRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(trend, "trend (LeakTrend.NONE when detection did not trigger the capture)");
        if (target.isBlank()) {
            throw new IllegalArgumentException("target must not be blank");
        }
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive: " + pid);
        }
        growingTypes = List.copyOf(growingTypes);
    }

    /** A request with no trend known (a capture not triggered by detection). */
    public CaptureRequest(String target, long pid, List<String> growingTypes, boolean includeMarkers) {
        this(target, pid, growingTypes, includeMarkers, LeakTrend.NONE);
    }
}
