package io.leakwatch.sample;

import io.leakwatch.model.Sample;
import java.time.Duration;
import java.util.Objects;

/** What one attempt to sample one JVM gave: a sample, or a failure that names its cause. */
public sealed interface SampleOutcome {

    /** The configured target name. */
    String target();

    /** A sample was taken. */
    record Sampled(Sample sample) implements SampleOutcome {
        public Sampled {
            Objects.requireNonNull(sample, "sample");
        }

        @Override
        public String target() {
            return sample.target();
        }
    }

    /** An expected failure: the JVM is gone, refused attach, hung past the timeout, ... */
    record Failed(String target, FailureKind kind, String message, Duration took) implements SampleOutcome {
        public Failed {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(took, "took");
        }
    }
}
