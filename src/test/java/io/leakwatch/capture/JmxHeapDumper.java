package io.leakwatch.capture;

import io.leakwatch.testing.ObjectNames;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * {@link HeapDumper} over JMX: {@code com.sun.management:type=HotSpotDiagnostic.dumpHeap(path, true)}
 * on the target. Every call runs on its own daemon thread and is abandoned after its timeout, so a
 * hung or stopped target never blocks the caller longer than that. The abandoned thread stays
 * blocked in the JMX call until the connection ends: after a timeout, close the connector.
 *
 * <p>The capture tests' dumper, over a plain JMX connector to the target; the daemon dumps through
 * the connection it samples on ({@code io.leakwatch.attach.JvmHeapDumper}).
 */
public final class JmxHeapDumper implements HeapDumper {

    private static final ObjectName DIAGNOSTIC = ObjectNames.of("com.sun.management:type=HotSpotDiagnostic");
    private static final ObjectName MEMORY = ObjectNames.of("java.lang:type=Memory");
    private static final ObjectName RUNTIME = ObjectNames.of("java.lang:type=Runtime");

    private final MBeanServerConnection connection;
    private final Duration callTimeout;

    /**
     * @param connection  the target's MBean server (local management agent or remote JMX)
     * @param callTimeout limit for the small calls ({@link #facts()}); the dump has its own
     */
    public JmxHeapDumper(MBeanServerConnection connection, Duration callTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    @Override
    public HeapFacts facts() throws IOException {
        try {
            return call(() -> {
                CompositeData heap = (CompositeData) connection.getAttribute(MEMORY, "HeapMemoryUsage");
                TabularData properties = (TabularData) connection.getAttribute(RUNTIME, "SystemProperties");
                CompositeData tmp = properties.get(new Object[] {"java.io.tmpdir"});
                String tmpDir = tmp == null ? "/tmp" : (String) tmp.get("value");
                return new HeapFacts((Long) heap.get("used"), tmpDir);
            }, callTimeout, "facts");
        } catch (TimeoutException e) {
            throw new IOException("target did not answer within " + callTimeout, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException("reading heap facts failed: " + cause, cause);
        }
    }

    @Override
    public DumpResult dump(String path, Duration timeout) {
        long start = System.nanoTime();
        try {
            call(() -> connection.invoke(DIAGNOSTIC, "dumpHeap", new Object[] {path, Boolean.TRUE},
                    new String[] {String.class.getName(), boolean.class.getName()}), timeout, "dumpHeap");
            return new DumpResult.Written(Duration.ofNanos(System.nanoTime() - start));
        } catch (TimeoutException e) {
            return new DumpResult.Failed(CaptureFailure.TIMEOUT,
                    "the target did not finish the dump within " + timeout);
        } catch (ExecutionException e) {
            return classify(e.getCause());
        }
    }

    private static DumpResult.Failed classify(Throwable cause) {
        if (cause instanceof MBeanException || cause instanceof RuntimeMBeanException) {
            // The target's own dumpHeap threw: its message says why (file exists, no space, ...).
            Throwable inner = cause.getCause() != null ? cause.getCause() : cause;
            String message = String.valueOf(inner.getMessage());
            CaptureFailure reason = message.contains("No space left") ? CaptureFailure.DISK_FULL : CaptureFailure.DUMP_FAILED;
            return new DumpResult.Failed(reason, "the target failed the dump: " + inner);
        }
        if (cause instanceof InstanceNotFoundException) {
            return new DumpResult.Failed(CaptureFailure.DUMP_FAILED,
                    "the target has no HotSpotDiagnostic MBean (not a HotSpot JVM?)");
        }
        if (cause instanceof IOException) {
            return new DumpResult.Failed(CaptureFailure.TARGET_GONE, "the connection to the target broke: " + cause);
        }
        return new DumpResult.Failed(CaptureFailure.DUMP_FAILED, "dumpHeap failed: " + cause);
    }

    private static <T> T call(Callable<T> work, Duration timeout, String what)
            throws TimeoutException, ExecutionException {
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = new Thread(task, "leakwatch-jmx-" + what);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new ExecutionException("interrupted while waiting for " + what, e);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw e;
        }
    }
}
