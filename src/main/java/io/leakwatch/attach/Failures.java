package io.leakwatch.attach;

import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.net.SocketTimeoutException;

/** Turns what a remote call threw into an expected failure with a one-line message. */
final class Failures {

    private Failures() {
    }

    static JvmCallException classify(String what, Throwable t) {
        if (t instanceof JvmCallException known) {
            return known;
        }
        FailureKind kind = kindOf(t);
        String tls = kind == FailureKind.TIMEOUT ? null : TlsFailures.explain(t);
        if (tls != null) {
            return new JvmCallException(FailureKind.CONNECTION_FAILED, what + " failed: " + tls + " (" + describe(t) + ")");
        }
        return new JvmCallException(kind, what + " failed: " + describe(t));
    }

    /** True when {@code t} or a cause is a socket read timeout. */
    static boolean isTimeout(Throwable t) {
        return kindOf(t) == FailureKind.TIMEOUT;
    }

    private static FailureKind kindOf(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SocketTimeoutException) {
                return FailureKind.TIMEOUT;
            }
            if (c instanceof SecurityException) {
                return FailureKind.ATTACH_REFUSED;
            }
        }
        // JMX errors (missing MBean or operation, MBean threw, wrong open type) mean the JVM
        // answered but not as expected; anything that is not I/O is read the same way.
        return t instanceof IOException ? FailureKind.CONNECTION_FAILED : FailureKind.BAD_RESPONSE;
    }

    /** Exception class and message, with the root cause when it says more. */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String head = t.getClass().getSimpleName() + ": " + firstLine(t.getMessage());
        return root == t ? head : head + " (cause " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage()) + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
