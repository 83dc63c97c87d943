package io.leakwatch.schedule;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.quartz.spi.ThreadPool;

/**
 * Quartz's thread pool for sampling: a thread per round running, made on demand and dropped when
 * idle. A target's rounds never overlap, so there are at most as many threads as targets, and a
 * hung target holds only its own thread; unlike a fixed pool sized at start, targets added by a
 * config reload get threads too.
 */
public final class ElasticThreadPool implements ThreadPool {

    /** What {@link #blockForAvailableThreads()} promises: a thread is always made on demand. */
    private static final int ALWAYS_AVAILABLE = 64;

    private static final long IDLE_MINUTES = 5;

    private final AtomicInteger threads = new AtomicInteger();
    private ThreadPoolExecutor executor;

    /** Quartz makes the pool by reflection. */
    public ElasticThreadPool() {
        // configured through initialize()
    }

    @Override
    public boolean runInThread(Runnable runnable) {
        try {
            executor.execute(runnable);
            return true;
        } catch (RejectedExecutionException shutDown) {
            return false;
        }
    }

    @Override
    public int blockForAvailableThreads() {
        return ALWAYS_AVAILABLE;
    }

    @Override
    public void initialize() {
        // Idle threads live longer than the usual intervals, so a target sampled every minute keeps its thread.
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_MINUTES, TimeUnit.MINUTES, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "leakwatch-sampler-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Lets rounds still running finish on their own; never interrupts a sample. */
    @Override
    public void shutdown(boolean waitForJobsToComplete) {
        executor.shutdown();
        if (waitForJobsToComplete) {
            try {
                executor.awaitTermination(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public int getPoolSize() {
        return executor == null ? 0 : executor.getPoolSize();
    }

    @Override
    public void setInstanceId(String schedInstId) {
        // threads are named by role, not by scheduler instance
    }

    @Override
    public void setInstanceName(String schedName) {
        // threads are named by role, not by scheduler instance
    }
}
