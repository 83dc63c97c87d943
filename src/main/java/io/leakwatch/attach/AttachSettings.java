package io.leakwatch.attach;

import io.leakwatch.retry.BackOff;
import java.time.Duration;
import java.util.Objects;

/**
 * Process-wide settings of the attach adapter.
 *
 * @param backOff             rest of a failing JVM between attempts
 * @param maxCallThreads      cap on threads running remote calls (hung ones included)
 * @param rmiConnectTimeout   TCP connect and JRMP handshake timeout of RMI client sockets (JMX over RMI)
 * @param rmiResponseTimeout  read timeout of RMI calls ({@code sun.rmi.transport.tcp.responseTimeout}):
 *                            frees a thread stuck on a hung JVM eventually, so it must exceed the
 *                            longest legitimate call, a heap dump included
 */
public record AttachSettings(BackOff backOff, int maxCallThreads, Duration rmiConnectTimeout,
                             Duration rmiResponseTimeout) {
    public AttachSettings {
        Objects.requireNonNull(backOff, "backOff");
        Objects.requireNonNull(rmiConnectTimeout, "rmiConnectTimeout");
        Objects.requireNonNull(rmiResponseTimeout, "rmiResponseTimeout");
        if (maxCallThreads < 1) {
            throw new IllegalArgumentException("maxCallThreads must be positive: " + maxCallThreads);
        }
        if (rmiConnectTimeout.isNegative() || rmiConnectTimeout.isZero()
                || rmiResponseTimeout.isNegative() || rmiResponseTimeout.isZero()) {
            throw new IllegalArgumentException("RMI timeouts must be positive");
        }
    }

    /** Defaults: a rest of 10 s doubling to 5 min, 64 call threads, 10 s RMI connect, 15 min RMI response. */
    public static AttachSettings defaults() {
        return new AttachSettings(new BackOff(Duration.ofSeconds(10), Duration.ofMinutes(5)), 64, Duration.ofSeconds(10), Duration.ofMinutes(15));
    }

    public AttachSettings withBackOff(BackOff value) {
        return new AttachSettings(value, maxCallThreads, rmiConnectTimeout, rmiResponseTimeout);
    }
}
