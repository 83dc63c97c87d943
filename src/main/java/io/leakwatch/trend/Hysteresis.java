package io.leakwatch.trend;

/**
 * The state of one series across evaluations: {@code confirmAfter} consecutive positive
 * evaluations confirm, {@code clearAfter} consecutive negative ones clear. A single negative
 * evaluation dismisses a suspicion, so noise has to line up several times in a row to confirm.
 * Evaluations without enough data change nothing.
 */
final class Hysteresis {

    private final int confirmAfter;
    private final int clearAfter;
    private LeakState state = LeakState.OK;
    private int positives;
    private int negatives;

    Hysteresis(int confirmAfter, int clearAfter) {
        this.confirmAfter = confirmAfter;
        this.clearAfter = clearAfter;
    }

    LeakState state() {
        return state;
    }

    Transition step(Finding finding) {
        return step(finding, true);
    }

    /**
     * As {@link #step(Finding)}, but with {@code mayConfirm} false a suspicion that has earned its
     * confirmation stays SUSPECT (still counting), and confirms at the first positive evaluation
     * once it may.
     */
    Transition step(Finding finding, boolean mayConfirm) {
        if (finding == Finding.INSUFFICIENT_DATA) {
            return Transition.NONE;
        }
        boolean positive = finding == Finding.GROWING;
        switch (state) {
            case OK:
                if (!positive) {
                    return Transition.NONE;
                }
                positives = 1;
                if (positives >= confirmAfter && mayConfirm) {
                    return confirm();
                }
                state = LeakState.SUSPECT;
                return Transition.SUSPECTED;
            case SUSPECT:
                if (!positive) {
                    state = LeakState.OK;
                    positives = 0;
                    return Transition.DISMISSED;
                }
                positives++;
                return positives >= confirmAfter && mayConfirm ? confirm() : Transition.NONE;
            case CONFIRMED:
                if (positive) {
                    negatives = 0;
                    return Transition.NONE;
                }
                negatives++;
                if (negatives < clearAfter) {
                    return Transition.NONE;
                }
                state = LeakState.OK;
                negatives = 0;
                positives = 0;
                return Transition.CLEARED;
            default:
                throw new IllegalStateException("unknown state " + state);
        }
    }

    private Transition confirm() {
        state = LeakState.CONFIRMED;
        negatives = 0;
        return Transition.CONFIRMED;
    }
}
