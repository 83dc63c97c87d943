package io.leakwatch.cli;

import sun.misc.Signal;

/**
 * SIGHUP asks the daemon to reload its config ({@code systemctl reload}, {@code kill -HUP}),
 * instead of the JVM's default of shutting down. {@code sun.misc.Signal} (module jdk.unsupported)
 * is the only way a Java program can handle a signal; the handler only queues the reload.
 */
final class ReloadSignal {

    private ReloadSignal() {
    }

    /** Calls {@code reload} on every SIGHUP; it must return quickly. */
    static void install(Runnable reload) {
        Signal.handle(new Signal("HUP"), signal -> reload.run());
    }
}
