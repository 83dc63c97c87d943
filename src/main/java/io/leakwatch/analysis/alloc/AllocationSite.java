package io.leakwatch.analysis.alloc;

import java.util.List;
import java.util.Objects;

/**
 * One allocation stack of live sampled objects of one type.
 *
 * @param type            the objects' class
 * @param frames          the stack collapsed to application code, allocating frame first; empty when
 *                        the stack had no application frame (or none was recorded)
 * @param samples         sampled objects allocated there, at least 1
 * @param oldestAgeMillis age of the oldest of them
 */
public record AllocationSite(String type, List<StackFrame> frames, int samples, long oldestAgeMillis) {
    public AllocationSite {
        Objects.requireNonNull(type, "type");
        frames = List.copyOf(frames);
        if (samples < 1 || oldestAgeMillis < 0) {
            throw new IllegalArgumentException("a site has at least one sample and a non-negative age: " + samples
                    + ", " + oldestAgeMillis);
        }
    }

    /**
     * One line: {@code 41 × byte[] allocated at A.m:12 ← B.n:40 (oldest 93 s)}.
     */
    public String describe() {
        String where = frames.isEmpty() ? "allocated outside application code"
                : "allocated at " + String.join(" ← ", frames.stream().map(StackFrame::toString).toList());
        return samples + " × " + type + " " + where + " (oldest " + oldestAgeMillis / 1000 + " s)";
    }
}
