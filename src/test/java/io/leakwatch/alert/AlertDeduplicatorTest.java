package io.leakwatch.alert;

import io.leakwatch.testing.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertDeduplicatorTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");


    private final MutableClock clock = new MutableClock(T0);
    private final AlertDeduplicator dedup = new AlertDeduplicator(new AlertPolicy(Duration.ofHours(6), 1.5), clock);

    private static LeakNotice notice(String signature, long magnitude) {
        return new LeakNotice("orders", signature, "byte[] grows", "root -> x", "", Map.of(), magnitude);
    }

    @Test
    void aLeakThatGoesAwayBrieflyKeepsFiringAndResolvesOnlyAfterTheHoldOff() {
        AlertDeduplicator held = new AlertDeduplicator(new AlertPolicy(Duration.ofHours(6), 1.5, Duration.ofMinutes(10)), clock);
        held.onLeak(notice("s1", 100));
        clock.advance(Duration.ofMinutes(2));
        assertThat(held.retain("orders", Set.of())).as("away, but not for the hold-off yet").isEmpty();
        clock.advance(Duration.ofMinutes(3));
        assertThat(held.onLeak(notice("s1", 100))).as("back within the hold-off: still the one firing alert").isEmpty();
        assertThat(held.retain("orders", Set.of("s1"))).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(held.resolveDue()).as("the hold-off counts from the last time it went away").isEmpty();

        assertThat(held.retain("orders", Set.of())).isEmpty();
        Instant away = clock.instant();
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(held.resolveDue()).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(held.resolveDue()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.time()).as("resolved as of when it went away").isEqualTo(away);
        });
        assertThat(held.resolveDue()).isEmpty();
        assertThat(held.onLeak(notice("s1", 100))).as("a new leak after the resolve alerts").isPresent();
    }

    @Test
    void aRestartedProcessResolvesAtOnceDespiteTheHoldOff() {
        AlertDeduplicator held = new AlertDeduplicator(new AlertPolicy(Duration.ofHours(6), 1.5, Duration.ofMinutes(10)), clock);
        held.onLeak(notice("s1", 100));
        held.onLeak(notice("s2", 100));
        assertThat(held.retainNow("orders", Set.of("s2"))).extracting(Alert::signature).containsExactly("s1");
        assertThat(held.onCleared("orders", "s2")).isPresent();
        assertThat(held.resolveDue()).isEmpty();
    }

    @Test
    void aNewLeakAlertsAtOnce() {
        Optional<Alert> alert = dedup.onLeak(notice("s1", 100));

        assertThat(alert).hasValueSatisfying(a -> {
            assertThat(a.state()).isEqualTo(AlertState.FIRING);
            assertThat(a.since()).isEqualTo(T0);
            assertThat(a.time()).isEqualTo(T0);
        });
    }

    @Test
    void theSameLeakIsSuppressedUntilTheRepeatInterval() {
        dedup.onLeak(notice("s1", 100));
        clock.set(T0.plus(Duration.ofHours(5).plusMinutes(59)));
        assertThat(dedup.onLeak(notice("s1", 140))).isEmpty();

        clock.set(T0.plus(Duration.ofHours(6)));
        assertThat(dedup.onLeak(notice("s1", 140))).hasValueSatisfying(a -> {
            assertThat(a.since()).isEqualTo(T0);
            assertThat(a.time()).isEqualTo(clock.instant());
        });
        clock.advance(Duration.ofSeconds(60));
        assertThat(dedup.onLeak(notice("s1", 140))).isEmpty();
    }

    @Test
    void growthByTheFactorReAlertsEarly() {
        dedup.onLeak(notice("s1", 100));
        clock.set(T0.plusSeconds(60));
        assertThat(dedup.onLeak(notice("s1", 149))).isEmpty();
        assertThat(dedup.onLeak(notice("s1", 150))).isPresent();
        // the next growth is measured from the last alerted magnitude
        assertThat(dedup.onLeak(notice("s1", 200))).isEmpty();
        assertThat(dedup.onLeak(notice("s1", 225))).isPresent();
    }

    @Test
    void signaturesAndTargetsAreIndependent() {
        dedup.onLeak(notice("s1", 100));
        assertThat(dedup.onLeak(notice("s2", 100))).isPresent();
        assertThat(dedup.onLeak(new LeakNotice("billing", "s1", "x", "", "", Map.of(), 100))).isPresent();
    }

    @Test
    void aClearedLeakResolvesOnceAndThenAlertsAnewIfItReturns() {
        dedup.onLeak(notice("s1", 100));
        clock.set(T0.plusSeconds(600));

        assertThat(dedup.onCleared("orders", "s1")).hasValueSatisfying(a -> {
            assertThat(a.state()).isEqualTo(AlertState.RESOLVED);
            assertThat(a.since()).isEqualTo(T0);
            assertThat(a.time()).isEqualTo(clock.instant());
        });
        assertThat(dedup.onCleared("orders", "s1")).isEmpty();
        assertThat(dedup.onLeak(notice("s1", 100))).hasValueSatisfying(a -> assertThat(a.since()).isEqualTo(clock.instant()));
    }

    @Test
    void retainResolvesWhatIsNoLongerReported() {
        dedup.onLeak(notice("s1", 100));
        dedup.onLeak(notice("s2", 100));
        dedup.onLeak(new LeakNotice("billing", "s3", "x", "", "", Map.of(), 1));

        assertThat(dedup.retain("orders", Set.of("s2"))).extracting(Alert::signature).containsExactly("s1");
        assertThat(dedup.onCleared("orders", "s2")).isPresent();
        assertThat(dedup.onCleared("billing", "s3")).isPresent();
    }

    @Test
    void alertsRejectBadOrReservedLabelNames() {
        assertThatThrownBy(() -> new LeakNotice("orders", "s", "x", "", "", Map.of("target", "x"), 1))
                .hasMessageContaining("'target' is reserved");
        assertThatThrownBy(() -> new LeakNotice("orders", "s", "x", "", "", Map.of("bad-name", "x"), 1))
                .hasMessageContaining("must match");
    }

    @Test
    void policyRejectsNonsense() {
        assertThatThrownBy(() -> new AlertPolicy(Duration.ZERO, 2)).hasMessageContaining("repeatInterval");
        assertThatThrownBy(() -> new AlertPolicy(Duration.ofHours(1), 1.0)).hasMessageContaining("growthFactor");
    }
}
