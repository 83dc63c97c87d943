package io.leakwatch.attach;

import io.leakwatch.sample.FailureKind;
import java.util.List;
import java.util.Objects;

/** What loading the marker agent into one JVM gave. */
public sealed interface AgentLoadResult {

    /** The agent now instruments these methods (option-string form, e.g. {@code a.B#close=a.B#close}). */
    record Loaded(List<String> methods) implements AgentLoadResult {
        public Loaded {
            methods = List.copyOf(methods);
        }
    }

    /** Every requested method was already instrumented (or none was requested): nothing was loaded. */
    record AlreadyLoaded() implements AgentLoadResult {
    }

    /** An expected failure: the JVM is gone, refused attach, hung, or the agent failed to start. */
    record Failed(FailureKind kind, String message) implements AgentLoadResult {
        public Failed {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }
}
