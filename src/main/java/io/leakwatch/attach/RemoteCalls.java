package io.leakwatch.attach;

import io.leakwatch.sample.FailureKind;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded pool every remote call to a target runs on, so the caller can stop waiting after a
 * timeout. A call to a stopped JVM blocks its worker in a socket read that no interrupt ends; such
 * workers are freed only when the target answers, dies, or the RMI response timeout fires. Two
 * limits keep them from piling up: each JVM gets at most one call in flight (see {@link CallGate}),
 * and the pool has a hard thread cap beyond which calls fail at once instead of queueing.
 */
final class RemoteCalls {

    private final ThreadPoolExecutor pool;
    private final int maxThreads;

    RemoteCalls(int maxThreads) {
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be positive: " + maxThreads);
        }
        this.maxThreads = maxThreads;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, maxThreads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "leakwatch-jvm-call-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts {@code task} on a pool thread; fails with TIMEOUT when every thread is held by a hung call. */
    void start(Runnable task, String what) throws JvmCallException {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            throw new JvmCallException(FailureKind.TIMEOUT, "cannot " + what + ": all " + maxThreads
                    + " remote-call threads are held by calls to hung JVMs");
        }
    }

    /** Threads currently running a call (hung ones included). */
    int activeThreads() {
        return pool.getActiveCount();
    }
}
