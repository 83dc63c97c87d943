package io.leakwatch.model;

import java.util.Objects;

/**
 * One row of a class histogram: how many instances of a type were live and how many bytes they
 * took (shallow), as the JVM's {@code GC.class_histogram} reports it.
 *
 * @param className binary class name as the JVM prints it ({@code java.lang.String}, {@code [B})
 * @param module    module suffix the JDK 9+ histogram prints ({@code java.base@17.0.15}), or empty
 * @param instances live instances, never negative
 * @param bytes     shallow bytes of those instances, never negative
 */
public record HistogramEntry(String className, String module, long instances, long bytes) {
    public HistogramEntry {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(module, "module");
        if (className.isBlank()) {
            throw new IllegalArgumentException("className is blank");
        }
        if (instances < 0 || bytes < 0) {
            throw new IllegalArgumentException(
                    "negative count for " + className + ": instances=" + instances + " bytes=" + bytes);
        }
    }
}
