package io.leakwatch.analysis.alloc;

import java.util.List;
import java.util.Objects;

/**
 * One sampled object that was still alive when the samples were taken.
 *
 * @param type      the object's class as Java writes it ({@code byte[]}, {@code com.example.Session});
 *                  JVM descriptors ({@code [B}) are accepted and normalised
 * @param frames    the allocation stack, innermost (the allocating frame) first; may be empty
 * @param ageMillis how long the object had lived when sampled, at least 0
 */
public record SampledObject(String type, List<StackFrame> frames, long ageMillis) {
    public SampledObject {
        Objects.requireNonNull(type, "type");
        type = TypeNames.javaName(type);
        frames = List.copyOf(frames);
        if (ageMillis < 0) {
            throw new IllegalArgumentException("ageMillis must not be negative: " + ageMillis);
        }
    }
}
