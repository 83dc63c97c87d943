package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

/**
 * Real SIGHUPs raised in this (forked test) JVM: one received while the daemon starts is kept for
 * when the reload is wired, later ones call it each time, and none stops the JVM.
 */
class ReloadSignalTest {

    @Test
    void aSighupWhileStartingIsKeptAndLaterOnesReload() throws Exception {
        ReloadSignal hup = ReloadSignal.install();
        AtomicInteger reloads = new AtomicInteger();
        Signal.raise(new Signal("HUP"));
        Thread.sleep(500);
        hup.onReload(reloads::incrementAndGet);
        assertThat(reloads).as("the SIGHUP received before wiring").hasValue(1);
        Signal.raise(new Signal("HUP"));
        Signal.raise(new Signal("HUP"));
        awaitAtLeast(reloads, 2);
        Thread.sleep(300);
        assertThat(reloads.get()).as("signals may coalesce, never multiply").isBetween(2, 3);
    }

    private static void awaitAtLeast(AtomicInteger value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (value.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(value.get()).isGreaterThanOrEqualTo(expected);
    }
}
