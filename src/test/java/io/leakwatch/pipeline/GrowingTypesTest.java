package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.model.TargetIdentity;
import io.leakwatch.trend.Finding;
import io.leakwatch.trend.GrowthVerdict;
import io.leakwatch.trend.LeakState;
import io.leakwatch.trend.TargetVerdicts;
import io.leakwatch.trend.Transition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which types a capture explains. */
class GrowingTypesTest {

    private static GrowthVerdict type(String name, LeakState state, double bytesPerHour) {
        return new GrowthVerdict(name, false, state, Transition.NONE, Finding.NO_TREND, bytesPerHour, 0.1, 0.01, 10,
                1000, 20);
    }

    private static TargetVerdicts verdicts(GrowthVerdict... types) {
        GrowthVerdict heap = new GrowthVerdict(GrowthVerdict.HEAP, true, LeakState.CONFIRMED, Transition.CONFIRMED,
                Finding.NO_TREND, 1e6, 0.2, 0.001, 0, 5_000_000, 20);
        return new TargetVerdicts("app", new TargetIdentity(42, 1, "App", "17"), Instant.EPOCH, false, heap, List.of(types));
    }

    @Test
    void applicationTypesComeFirstAndMarkerBookkeepingNever() {
        List<String> types = DetectionListener.growingTypes(verdicts(
                type("[B", LeakState.CONFIRMED, 9e6),
                type("io.leakwatch.markers.MarkRef", LeakState.CONFIRMED, 8e6),
                type("java.util.concurrent.ConcurrentHashMap$Node", LeakState.SUSPECT, 7e6),
                type("com.example.Session", LeakState.SUSPECT, 1e6),
                type("com.example.Listener", LeakState.CONFIRMED, 5e5),
                type("java.lang.String", LeakState.OK, 6e6)));
        assertThat(types).containsExactly("com.example.Listener", "com.example.Session", "[B",
                "java.util.concurrent.ConcurrentHashMap$Node");
    }

    @Test
    void theBiggestGrowerIsExplainedTooWhenOtherTypesAreSuspect() {
        // a container map's start-up growth is suspect first; the leak's buffers grow fastest
        assertThat(DetectionListener.growingTypes(verdicts(
                type("java.util.concurrent.ConcurrentHashMap", LeakState.CONFIRMED, 2e6),
                type("[B", LeakState.OK, 9e6),
                type("java.lang.String", LeakState.OK, 3e6))))
                .containsExactly("java.util.concurrent.ConcurrentHashMap", "[B");
    }

    @Test
    void withNothingSuspectTheBiggestGrowerIsExplained() {
        assertThat(DetectionListener.growingTypes(verdicts(
                type("java.lang.String", LeakState.OK, 6e6),
                type("com.example.Cache", LeakState.OK, 1e6),
                type("com.example.Shrinking", LeakState.OK, -1e6)))).containsExactly("java.lang.String");
    }
}
