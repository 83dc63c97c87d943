package io.leakwatch.alert;

import java.util.Locale;

/** Whether a leak alert is active or has been cleared. */
public enum AlertState {
    FIRING,
    RESOLVED;

    /** Lower-case form used in payloads ({@code firing}, {@code resolved}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
