package io.leakwatch.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP asks the daemon to reload its config ({@code systemctl reload}, {@code kill -HUP}),
 * instead of the JVM's default of shutting down. {@code sun.misc.Signal} (module jdk.unsupported)
 * is the only way a Java program can handle a signal; the handler only queues the reload.
 */
final class ReloadSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

    private ReloadSignal() {
    }

    /**
     * Calls {@code reload} on every SIGHUP; it must return quickly. Where the JVM keeps the signal
     * to itself ({@code -Xrs}, or no SIGHUP on the platform) the daemon runs without reloads.
     */
    static void install(Runnable reload) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reload.run());
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); config changes need a restart", e.getMessage());
        }
    }
}
