package io.leakwatch.attach;

import io.leakwatch.sample.FailureKind;
import java.util.Objects;

/**
 * An expected failure of a call to a target JVM (gone, refused, hung, broke, answered nonsense).
 * Carries the {@link FailureKind} the sampler reports and a message naming the JVM and the call;
 * it never carries a stack trace worth logging.
 */
public final class JvmCallException extends Exception {

    private final FailureKind kind;

    public JvmCallException(FailureKind kind, String message) {
        super(message, null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public FailureKind kind() {
        return kind;
    }
}
