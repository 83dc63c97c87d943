package io.leakwatch.deploy;

import java.time.Duration;

/** Polling with a deadline; a failure names what was awaited and quotes the process output. */
final class Waits {

    /** A condition that may do I/O. */
    interface Condition {
        boolean holds() throws Exception;
    }

    private Waits() {
    }

    static void until(String what, Duration timeout, LocalProcess process, Condition condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (process != null && !process.isAlive()) {
                throw new AssertionError(what + ": the process exited\n" + process.tail());
            }
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not within " + timeout + ": " + what
                + (last == null ? "" : " (last error: " + last + ")")
                + (process == null ? "" : "\n" + process.tail()));
    }
}
