package io.leakwatch.trend;

import static io.leakwatch.trend.Finding.GROWING;
import static io.leakwatch.trend.Finding.INSUFFICIENT_DATA;
import static io.leakwatch.trend.Finding.NO_TREND;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class HysteresisTest {

    private static List<String> run(Hysteresis h, Finding... findings) {
        List<String> out = new ArrayList<>();
        for (Finding f : findings) {
            Transition t = h.step(f);
            out.add(h.state() + (t == Transition.NONE ? "" : "/" + t));
        }
        return out;
    }

    @Test
    void confirmsAfterConsecutivePositivesAndClearsAfterConsecutiveNegatives() {
        assertThat(run(new Hysteresis(3, 2), GROWING, GROWING, NO_TREND, GROWING, GROWING, GROWING, GROWING,
                NO_TREND, GROWING, NO_TREND, NO_TREND, NO_TREND)).containsExactly(
                "SUSPECT/SUSPECTED", "SUSPECT", "OK/DISMISSED", "SUSPECT/SUSPECTED", "SUSPECT", "CONFIRMED/CONFIRMED",
                "CONFIRMED", "CONFIRMED", "CONFIRMED", "CONFIRMED", "OK/CLEARED", "OK");
    }

    @Test
    void missingDataChangesNothing() {
        assertThat(run(new Hysteresis(2, 1), GROWING, INSUFFICIENT_DATA, GROWING, INSUFFICIENT_DATA, NO_TREND))
                .containsExactly("SUSPECT/SUSPECTED", "SUSPECT", "CONFIRMED/CONFIRMED", "CONFIRMED", "OK/CLEARED");
    }

    @Test
    void confirmAfterOneConfirmsAtOnce() {
        assertThat(run(new Hysteresis(1, 1), GROWING)).containsExactly("CONFIRMED/CONFIRMED");
    }
}
