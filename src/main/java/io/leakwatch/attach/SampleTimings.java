package io.leakwatch.attach;

import java.time.Duration;

/**
 * Where the time of one sample went, for logs and the cost benchmark.
 *
 * @param connect         attaching and connecting JMX, zero when an open connection was reused
 * @param histogram       wall time of the {@code gcClassHistogram} call (GC, heap walk, transfer)
 * @param parse           parsing the histogram text in the daemon
 * @param pause           stop-the-world time the sample caused on the target
 * @param pauseFromSafepoints true when {@code pause} comes from the target's safepoint counter,
 *                        false when it fell back to the histogram call's wall time (an upper bound)
 */
public record SampleTimings(Duration connect, Duration histogram, Duration parse, Duration pause,
                            boolean pauseFromSafepoints) {
}
