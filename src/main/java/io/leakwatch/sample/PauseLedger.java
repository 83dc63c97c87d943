package io.leakwatch.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Keeps one JVM's histogram pauses within its {@link PausePolicy} and says, each round, which kind
 * of sample to take. Pure: time is passed in.
 *
 * <p><b>Cost estimate.</b> A histogram's pause grows with the live heap (the full GC marks it, the
 * walk visits it). The next one is estimated from the last measured pause of the same kind, scaled
 * by the live heap now over the live heap then; before any was measured, from a rate measured on
 * G1 (issue 14: about 2 s forced, 1 s walk alone, at 1.5 GiB live on 2 shared cores).
 *
 * <p><b>Regular histograms</b> are paced so that each one is followed by {@code pause / budget} of
 * wall time without one (the first comes after the wall time its estimated pause is worth), and the pauses in the sliding window never exceed
 * {@code budget x window}. <b>Escalated</b> histograms spend {@code escalationPause} per window
 * instead, one per round while it lasts. A histogram whose estimate exceeds {@code maxPause} is
 * taken without its GC; when that too would exceed it, the round is {@link Plan#SKIP_MAX_PAUSE}.
 */
public final class PauseLedger {

    /** What to take this round. */
    public enum Plan { HISTOGRAM, HISTOGRAM_NO_GC, GC_REPORTED, SKIP_MAX_PAUSE }

    /** Prior cost of a forced histogram per live byte (2 s at 1.5 GiB), before one was measured. */
    static final double FULL_NANOS_PER_BYTE = 2e9 / (1.5 * (1L << 30));
    /** Prior cost of the walk alone per live byte (1 s at 1.5 GiB). */
    static final double WALK_NANOS_PER_BYTE = 1e9 / (1.5 * (1L << 30));

    private final PausePolicy policy;
    private final Deque<Spent> spent = new ArrayDeque<>();
    private final Measured full = new Measured();
    private final Measured walk = new Measured();
    private Instant nextRegular;
    /** When the last escalated histogram was taken, or null. */
    private Instant lastEscalated;

    public PauseLedger(PausePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** The kind of sample due at {@code now} for a JVM whose live heap is about {@code liveBytes}. */
    public Plan plan(Instant now, boolean escalated, long liveBytes) {
        return plan(now, escalated, true, Duration.ZERO, liveBytes);
    }

    /**
     * As {@link #plan(Instant, boolean, long)}; an escalated histogram beyond the regular budget
     * is taken without its GC ({@code -all}) unless {@code escalationNeedsGc}, must fit
     * {@code maxPause} in that form, and comes at least {@code spacing} after the last escalated one.
     */
    public Plan plan(Instant now, boolean escalated, boolean escalationNeedsGc, Duration spacing, long liveBytes) {
        if (policy.unlimited()) {
            return Plan.HISTOGRAM;
        }
        forgetBefore(now.minus(policy.window()));
        long fullNanos = full.estimate(liveBytes, FULL_NANOS_PER_BYTE);
        long walkNanos = walk.estimate(liveBytes, WALK_NANOS_PER_BYTE);
        long max = policy.maxPause().toNanos();
        Plan kind = fullNanos <= max ? Plan.HISTOGRAM : walkNanos <= max ? Plan.HISTOGRAM_NO_GC : Plan.SKIP_MAX_PAUSE;
        long cost = kind == Plan.HISTOGRAM ? fullNanos : walkNanos;
        if (nextRegular == null) {
            // The budget is earned before it is spent: the first regular histogram comes after the
            // wall time its pause is worth, so no span starting at the first sample exceeds the budget.
            nextRegular = now.plusNanos(gap(cost));
        }
        boolean regular = !now.isBefore(nextRegular)
                && spentNanos(false) + cost <= (long) (policy.budget() * policy.window().toNanos());
        if (regular) {
            return kind;
        }
        if (!escalated || lastEscalated != null && now.isBefore(lastEscalated.plus(spacing))) {
            return Plan.GC_REPORTED;
        }
        Plan escalatedKind = escalationNeedsGc ? kind : walkNanos <= max ? Plan.HISTOGRAM_NO_GC : Plan.SKIP_MAX_PAUSE;
        long escalatedCost = escalatedKind == Plan.HISTOGRAM ? fullNanos : walkNanos;
        return spentNanos(true) + escalatedCost <= policy.escalationPause().toNanos() ? escalatedKind : Plan.GC_REPORTED;
    }

    /**
     * Records a histogram taken at {@code at} that paused the target for {@code pause}, with the
     * live heap then; {@code escalated} when it was not due by the regular budget alone.
     */
    public void record(Instant at, Plan kind, Duration pause, long liveBytes, boolean escalated) {
        if (kind != Plan.HISTOGRAM && kind != Plan.HISTOGRAM_NO_GC) {
            throw new IllegalArgumentException("only histograms pause the target: " + kind);
        }
        (kind == Plan.HISTOGRAM ? full : walk).measured(pause.toNanos(), liveBytes);
        if (policy.unlimited()) {
            return;
        }
        boolean regular = !escalated;
        spent.addLast(new Spent(at, pause.toNanos(), !regular));
        if (regular) {
            nextRegular = at.plusNanos(gap(pause.toNanos()));
        } else {
            lastEscalated = at;
        }
    }

    /** True when a histogram would be due now by the regular budget alone (no escalation needed). */
    public boolean regularDue(Instant now, long liveBytes) {
        return plan(now, false, liveBytes) != Plan.GC_REPORTED;
    }

    /** Pause spent in the window ending at {@code now}, regular and escalated, as a fraction of the window. */
    public double spentRatio(Instant now) {
        forgetBefore(now.minus(policy.window()));
        return (double) (spentNanos(false) + spentNanos(true)) / policy.window().toNanos();
    }

    /** Wall time a pause of {@code nanos} is worth under the budget. */
    private long gap(long nanos) {
        return (long) Math.min(Long.MAX_VALUE / 4.0, nanos / policy.budget());
    }

    private long spentNanos(boolean escalated) {
        long sum = 0;
        for (Spent s : spent) {
            if (s.escalated == escalated) {
                sum += s.nanos;
            }
        }
        return sum;
    }

    private void forgetBefore(Instant start) {
        while (!spent.isEmpty() && spent.peekFirst().at.isBefore(start)) {
            spent.removeFirst();
        }
    }

    private record Spent(Instant at, long nanos, boolean escalated) {
    }

    /** The last measured pause of one kind and the live heap it was measured at. */
    private static final class Measured {
        long nanos = -1;
        long liveBytes;

        void measured(long pauseNanos, long live) {
            nanos = pauseNanos;
            liveBytes = live;
        }

        long estimate(long live, double priorNanosPerByte) {
            if (nanos < 0 || liveBytes <= 0) {
                return (long) (Math.max(0, live) * priorNanosPerByte);
            }
            return (long) (nanos * Math.max(1.0, (double) live / liveBytes));
        }
    }
}
