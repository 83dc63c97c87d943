package io.leakwatch.http;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Limits that keep slow or idle clients from starving Prometheus' scrapes.
 *
 * <p>The JDK's HTTP server reads a request's headers on a pool thread in blocking mode, with no
 * time limit by default, and the Prometheus client's default pool has ten threads whose rejection
 * handler blocks the accepting thread: ten connections that send half a request stop the endpoint
 * and make closing it hang. Here the JDK's own limits ({@code sun.net.httpserver.maxReqTime} for
 * reading a request, {@code maxRspTime} for sending a response) are set, and the pool is larger
 * (threads made on demand, so normally one or two exist).
 *
 * <p>The JDK reads those properties once, when its server class loads, so they are JVM-wide and set
 * before the first server is made, unless the operator set them on the command line: the
 * {@code run} and {@code demo} commands install them at start-up, and {@link MetricsServer} again
 * (a no-op then) for code that starts a server without them.
 */
public final class HttpServerLimits {

    /** Seconds a client may take to send its request line and headers. */
    static final long MAX_REQUEST_SECONDS = 5;
    /** Seconds a client may take to read a response (an HTML report can be megabytes). */
    static final long MAX_RESPONSE_SECONDS = 60;
    static final int MAX_THREADS = 64;

    private HttpServerLimits() {
    }

    /** Sets the JDK HTTP server's request and response time limits, unless already set; idempotent. */
    public static synchronized void install() {
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(MAX_REQUEST_SECONDS));
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", Long.toString(MAX_RESPONSE_SECONDS));
        }
    }

    /**
     * Pool threads made on demand up to {@link #MAX_THREADS}; past that the accepting thread waits
     * for one to free, which the request time limit bounds.
     */
    static ExecutorService executor() {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(1, MAX_THREADS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "leakwatch-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (task, pool) -> {
            if (pool.isShutdown()) {
                throw new RejectedExecutionException("the HTTP endpoint is closed");
            }
            try {
                pool.getQueue().put(task);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RejectedExecutionException("interrupted while waiting for an HTTP thread", e);
            }
        });
    }
}
