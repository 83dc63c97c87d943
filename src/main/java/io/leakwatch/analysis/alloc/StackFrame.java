package io.leakwatch.analysis.alloc;

import java.util.Objects;

/**
 * One frame of an allocation stack.
 *
 * @param type   the declaring class, e.g. {@code com.example.Cache$Entry}
 * @param method the method name, {@code <init>} for constructors
 * @param line   the source line, or -1 when unknown
 */
public record StackFrame(String type, String method, int line) {
    public StackFrame {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(method, "method");
        if (type.isBlank() || method.isBlank()) {
            throw new IllegalArgumentException("a frame needs a type and a method: '" + type + "." + method + "'");
        }
        if (line < -1) {
            throw new IllegalArgumentException("line must be -1 (unknown) or more: " + line);
        }
    }

    /** {@code Type.method:line}, the simple source-like form shown in alerts. */
    @Override
    public String toString() {
        return type + "." + method + (line >= 0 ? ":" + line : "");
    }
}
