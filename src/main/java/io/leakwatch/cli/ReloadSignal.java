package io.leakwatch.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGHUP asks the daemon to reload its config ({@code systemctl reload}, {@code kill -HUP}),
 * instead of the JVM's default of shutting down. {@code sun.misc.Signal} (module jdk.unsupported)
 * is the only way a Java program can handle a signal. Installed first thing, so a SIGHUP while the
 * daemon still starts does not kill it: it is remembered and the reload runs once the daemon runs.
 */
final class ReloadSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

    private Runnable reload;
    private boolean pending;

    private ReloadSignal() {
    }

    /**
     * Takes over SIGHUP. Where the JVM keeps the signal to itself ({@code -Xrs}, or no SIGHUP on the
     * platform) the daemon runs without reloads.
     */
    static ReloadSignal install() {
        ReloadSignal hup = new ReloadSignal();
        try {
            Signal.handle(new Signal("HUP"), signal -> hup.received());
        } catch (IllegalArgumentException e) {
            LOG.warn("SIGHUP cannot be handled here ({}); config changes need a restart", e.getMessage());
        }
        return hup;
    }

    private synchronized void received() {
        if (reload == null) {
            pending = true;
            LOG.info("SIGHUP while starting: the config is read again once the daemon runs");
        } else {
            reload.run();
        }
    }

    /** From now on each SIGHUP calls {@code action} (which returns quickly); one received meanwhile, now. */
    synchronized void onReload(Runnable action) {
        reload = action;
        if (pending) {
            pending = false;
            action.run();
        }
    }
}
