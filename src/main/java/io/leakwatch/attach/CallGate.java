package io.leakwatch.attach;

import io.leakwatch.sample.FailureKind;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the remote calls to one JVM under timeouts, at most one at a time. While a call that timed
 * out is still blocked in its worker, further calls fail at once with {@link FailureKind#TIMEOUT}
 * instead of parking a second thread on the same hung JVM; with clean-ups run one at a time this
 * bounds the threads a stopped target can hold to one call plus one close.
 */
final class CallGate {

    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int ABANDONED = 2;

    private final RemoteCalls calls;
    private final String jvm;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile String stuckCall;
    private final Queue<Runnable> cleanups = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean cleaning = new AtomicBoolean();

    CallGate(RemoteCalls calls, String jvm) {
        this.calls = calls;
        this.jvm = jvm;
    }

    /** True while a call to this JVM has not returned, even one we stopped waiting for. */
    boolean busy() {
        return inFlight.get() > 0;
    }

    /**
     * Runs {@code task} and waits at most {@code timeout}. If the task completes after the caller
     * gave up, {@code lateResult} receives its result so connections made too late are closed.
     */
    <T> T call(String what, Duration timeout, Callable<T> task, Consumer<? super T> lateResult)
            throws JvmCallException {
        String stuck = stuckCall;
        if (busy()) {
            throw new JvmCallException(FailureKind.TIMEOUT, "cannot " + what + " on " + jvm + ": the earlier call '"
                    + stuck + "' has still not returned, so no further call is sent until it does");
        }
        AtomicInteger state = new AtomicInteger(RUNNING);
        CompletableFuture<T> result = new CompletableFuture<>();
        inFlight.incrementAndGet();
        stuckCall = what;
        try {
            calls.start(() -> {
                T value = null;
                Throwable failure = null;
                try {
                    value = task.call();
                } catch (Throwable t) {
                    failure = t;
                }
                try {
                    if (!state.compareAndSet(RUNNING, DONE) && value != null) {
                        lateResult.accept(value);
                    }
                } finally {
                    // free the gate before the caller wakes up, so its next call is let through
                    inFlight.decrementAndGet();
                }
                if (failure != null) {
                    result.completeExceptionally(failure);
                } else {
                    result.complete(value);
                }
            }, what + " on " + jvm);
        } catch (JvmCallException e) {
            inFlight.decrementAndGet();
            throw e;
        }
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                throw new JvmCallException(FailureKind.TIMEOUT,
                        what + " on " + jvm + " did not answer within " + timeout.toMillis() + " ms");
            }
            return completed(what, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.compareAndSet(RUNNING, ABANDONED);
            throw new JvmCallException(FailureKind.TIMEOUT, what + " on " + jvm + " was interrupted");
        } catch (ExecutionException e) {
            throw failure(what, e);
        }
    }

    /** The result of a task that finished just as the caller's wait ran out. */
    private <T> T completed(String what, CompletableFuture<T> result) throws JvmCallException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JvmCallException(FailureKind.TIMEOUT, what + " on " + jvm + " was interrupted");
        } catch (ExecutionException e) {
            throw failure(what, e);
        }
    }

    private JvmCallException failure(String what, ExecutionException e) {
        if (e.getCause() instanceof Error error) {
            throw error;
        }
        return Failures.classify(what + " on " + jvm, e.getCause());
    }

    /**
     * Queues a clean-up (closing a connector) without waiting. Clean-ups of one JVM run one after
     * the other on a single pool thread, so a hung close holds one thread, not one per reconnect,
     * and does not stop new calls to a JVM that is merely gone.
     */
    void runDetached(String what, Runnable task) {
        cleanups.add(task);
        startCleaner(what);
    }

    private void startCleaner(String what) {
        if (cleanups.isEmpty() || !cleaning.compareAndSet(false, true)) {
            return;
        }
        try {
            calls.start(() -> {
                try {
                    for (Runnable next; (next = cleanups.poll()) != null; ) {
                        next.run();
                    }
                } finally {
                    cleaning.set(false);
                }
                startCleaner(what);
            }, what + " on " + jvm);
        } catch (JvmCallException e) {
            // every pool thread is held by hung calls; the next clean-up request tries again
            cleaning.set(false);
        }
    }
}
