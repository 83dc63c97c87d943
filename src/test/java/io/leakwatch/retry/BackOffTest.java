package io.leakwatch.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackOffTest {

    @Test
    void doublesUpToTheMaximum() {
        BackOff backOff = new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(60));
        assertThat(backOff.delayAfter(0)).isZero();
        assertThat(backOff.delayAfter(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backOff.delayAfter(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backOff.delayAfter(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backOff.delayAfter(4)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backOff.delayAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsAMaximumBelowTheStart() {
        assertThatThrownBy(() -> new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initial=PT10S");
    }

    @Test
    void aFixedWaitWhenTheStartIsTheMaximum() {
        BackOff fixed = new BackOff(Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertThat(fixed.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(fixed.delayAfter(5)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aZeroStartNeverWaits() {
        assertThat(new BackOff(Duration.ZERO, Duration.ZERO).delayAfter(3)).isZero();
    }
}
