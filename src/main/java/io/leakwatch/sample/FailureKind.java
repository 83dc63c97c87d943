package io.leakwatch.sample;

/** Why a sample failed; the {@code reason} label of failure counters. */
public enum FailureKind {
    /** No JVM matches the selector (not started yet, exited, pid file missing). */
    NOT_FOUND,
    /** The JVM refused attach (DisableAttachMechanism, other user, attach listener dead). */
    ATTACH_REFUSED,
    /** A call did not answer within its timeout (hung or stopped JVM). */
    TIMEOUT,
    /** The JMX connection broke or could not be made. */
    CONNECTION_FAILED,
    /** The JVM answered with something we could not read. */
    BAD_RESPONSE;

    /** Lower-case label value. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
