package io.leakwatch.trend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leakwatch.model.MarkerSurvival;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkerLeakDetectorTest {

    private final MarkerLeakDetector detector = new MarkerLeakDetector(Duration.ofMinutes(5));

    @Test
    void survivorOlderThanGraceIsConfirmed() {
        assertThat(detector.confirmedLeaks(List.of(
                new MarkerSurvival("session", 2, Duration.ofMinutes(6).toMillis()),
                new MarkerSurvival("request", 1, Duration.ofMinutes(1).toMillis()))))
                .containsExactly("session");
    }

    @Test
    void exactlyGraceOldIsStillWithinGrace() {
        assertThat(detector.confirmedLeaks(List.of(
                new MarkerSurvival("session", 1, Duration.ofMinutes(5).toMillis())))).isEmpty();
        assertThat(detector.confirmedLeaks(List.of(
                new MarkerSurvival("session", 1, Duration.ofMinutes(5).toMillis() + 1)))).containsExactly("session");
    }

    @Test
    void labelsWithNoSurvivorNeverLeak() {
        assertThat(detector.confirmedLeaks(List.of(new MarkerSurvival("session", 0, 0)))).isEmpty();
        assertThat(detector.confirmedLeaks(List.of())).isEmpty();
    }

    @Test
    void resultIsSortedAndDistinct() {
        long old = Duration.ofHours(1).toMillis();
        assertThat(detector.confirmedLeaks(List.of(
                new MarkerSurvival("zeta", 1, old), new MarkerSurvival("alpha", 3, old),
                new MarkerSurvival("zeta", 2, old)))).containsExactly("alpha", "zeta");
    }

    @Test
    void zeroGraceConfirmsAnyAgedSurvivorAndNegativeGraceIsRejected() {
        assertThat(new MarkerLeakDetector(Duration.ZERO).confirmedLeaks(List.of(new MarkerSurvival("x", 1, 1))))
                .containsExactly("x");
        assertThatThrownBy(() -> new MarkerLeakDetector(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT-1S");
    }
}
