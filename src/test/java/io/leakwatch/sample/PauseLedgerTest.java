package io.leakwatch.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.sample.PauseLedger.Plan;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PauseLedgerTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final long GIB = 1L << 30;

    /** Runs a ledger with rounds every {@code interval} for {@code span}; returns the pause spent. */
    private static Duration simulate(PauseLedger ledger, Duration interval, Duration span, Duration pause, long live,
                                     boolean escalated) {
        Duration spent = Duration.ZERO;
        for (Instant t = T0; t.isBefore(T0.plus(span)); t = t.plus(interval)) {
            Plan p = ledger.plan(t, escalated, live);
            if (p == Plan.HISTOGRAM || p == Plan.HISTOGRAM_NO_GC) {
                boolean regular = ledger.plan(t, false, live) != Plan.GC_REPORTED;
                ledger.record(t, p, pause, live, !regular);
                spent = spent.plus(pause);
            }
        }
        return spent;
    }

    @Test
    void bigHeapHistogramsStayWithinTheBudgetFromTheFirstSample() {
        PauseLedger ledger = new PauseLedger(PausePolicy.DEFAULTS);
        // 2 s per histogram at 1.5 GiB: worth 2000 s of wall time each at 0.1 %.
        Duration spent = simulate(ledger, Duration.ofSeconds(10), Duration.ofHours(3), Duration.ofSeconds(2),
                3 * GIB / 2, false);
        assertThat(spent.toMillis()).isLessThanOrEqualTo((long) (0.001 * Duration.ofHours(3).toMillis()));
        // two 2-s histograms do not fit the window's 3.6 s: one per hour once the first is earned
        assertThat(spent).isEqualTo(Duration.ofSeconds(6));
        // the first 30 minutes see none: the budget is earned before it is spent
        PauseLedger fresh = new PauseLedger(PausePolicy.DEFAULTS);
        assertThat(simulate(fresh, Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(2),
                3 * GIB / 2, false)).isZero();
    }

    @Test
    void smallHeapGetsAHistogramAboutEveryPauseOverBudget() {
        PauseLedger ledger = new PauseLedger(PausePolicy.DEFAULTS);
        Duration spent = simulate(ledger, Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofMillis(20),
                100L << 20, false);
        // 20 ms / 0.001 = 20 s between histograms at a 10 s interval: about 180 per hour
        assertThat(spent.toMillis() / 20).isBetween(170L, 181L);
    }

    @Test
    void escalationSpendsItsOwnAllowanceOnTop() {
        PauseLedger ledger = new PauseLedger(new PausePolicy(0.001, Duration.ofSeconds(5), Duration.ofSeconds(30),
                Duration.ofHours(1)));
        Duration spent = simulate(ledger, Duration.ofSeconds(10), Duration.ofMinutes(30), Duration.ofSeconds(2),
                3 * GIB / 2, true);
        // 30 s of escalation per hour: 15 histograms of 2 s, then the regular budget only (none yet)
        assertThat(spent).isEqualTo(Duration.ofSeconds(30));
        assertThat(ledger.spentRatio(T0.plus(Duration.ofMinutes(30)))).isEqualTo(30.0 / 3600);
    }

    @Test
    void escalatedHistogramsKeepTheirSpacing() {
        PauseLedger ledger = new PauseLedger(PausePolicy.DEFAULTS);
        int taken = 0;
        Instant first = null;
        Instant last = null;
        for (Instant t = T0; t.isBefore(T0.plus(Duration.ofMinutes(2))); t = t.plusSeconds(10)) {
            Plan p = ledger.plan(t, true, false, Duration.ofSeconds(24), 3 * GIB / 2);
            if (p != Plan.GC_REPORTED) {
                assertThat(p).isEqualTo(Plan.HISTOGRAM_NO_GC);
                ledger.record(t, p, Duration.ofMillis(800), 3 * GIB / 2, true);
                taken++;
                first = first == null ? t : first;
                last = t;
            }
        }
        // 10 s rounds, at least 24 s apart: rounds 0, 30, 60, 90 s
        assertThat(taken).isEqualTo(4);
        assertThat(Duration.between(first, last)).isEqualTo(Duration.ofSeconds(90));
        assertThat(ledger.plan(T0.plusSeconds(120), true, false, Duration.ZERO, 3 * GIB / 2))
                .as("without spacing, the next round").isEqualTo(Plan.HISTOGRAM_NO_GC);
    }

    @Test
    void overMaxPauseTakesTheWalkAloneThenSkips() {
        PausePolicy tight = new PausePolicy(1.0 - 1e-9, Duration.ofMillis(1500), Duration.ZERO, Duration.ofHours(1));
        PauseLedger ledger = new PauseLedger(tight);
        assertThat(ledger.plan(T0, false, 3 * GIB / 2)).isEqualTo(Plan.GC_REPORTED); // not earned yet
        Instant later = T0.plusSeconds(60);
        // prior: 2 s forced, 1 s walk at 1.5 GiB
        assertThat(ledger.plan(later, false, 3 * GIB / 2)).isEqualTo(Plan.HISTOGRAM_NO_GC);
        assertThat(ledger.plan(later, false, 3 * GIB)).isEqualTo(Plan.SKIP_MAX_PAUSE);
        ledger.record(later, Plan.HISTOGRAM_NO_GC, Duration.ofMillis(900), 3 * GIB / 2, false);
        Instant next = later.plusSeconds(60);
        assertThat(ledger.plan(next, false, 3 * GIB / 2)).isEqualTo(Plan.HISTOGRAM_NO_GC);
        // the estimate scales with the live heap: a heap that shrank gets its full histogram back
        assertThat(ledger.plan(next, false, 100L << 20)).isEqualTo(Plan.HISTOGRAM);
    }

    @Test
    void unlimitedTakesAHistogramEveryRound() {
        PauseLedger ledger = new PauseLedger(PausePolicy.UNLIMITED);
        for (int i = 0; i < 5; i++) {
            assertThat(ledger.plan(T0.plusSeconds(i), false, 6 * GIB)).isEqualTo(Plan.HISTOGRAM);
            ledger.record(T0.plusSeconds(i), Plan.HISTOGRAM, Duration.ofSeconds(8), 6 * GIB, false);
        }
    }
}
