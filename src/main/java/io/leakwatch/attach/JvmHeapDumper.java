package io.leakwatch.attach;

import io.leakwatch.capture.CaptureFailure;
import io.leakwatch.capture.DumperSource;
import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * The capture's heap dumper over a {@link JvmConnection}: the facts and the dump are remote calls
 * under the connection's timeouts, and the connection's failures become capture failures.
 */
public final class JvmHeapDumper implements DumperSource.Dumper {

    private final JvmConnection connection;

    public JvmHeapDumper(JvmConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    @Override
    public HeapFacts facts() throws IOException {
        try {
            long used = connection.usedHeapBytes();
            String tmp = connection.systemProperty("java.io.tmpdir");
            return new HeapFacts(used, tmp == null || tmp.isBlank() ? "/tmp" : tmp);
        } catch (JvmCallException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public DumpResult dump(String path, Duration timeout) {
        long start = System.nanoTime();
        try {
            connection.dumpHeap(path, timeout);
            return new DumpResult.Written(Duration.ofNanos(System.nanoTime() - start));
        } catch (JvmCallException e) {
            return new DumpResult.Failed(reason(e), e.getMessage());
        }
    }

    private static CaptureFailure reason(JvmCallException e) {
        if (e.kind() == FailureKind.TIMEOUT) {
            return CaptureFailure.TIMEOUT;
        }
        if (e.kind() == FailureKind.CONNECTION_FAILED || e.kind() == FailureKind.NOT_FOUND) {
            return CaptureFailure.TARGET_GONE;
        }
        return String.valueOf(e.getMessage()).contains("No space left") ? CaptureFailure.DISK_FULL : CaptureFailure.DUMP_FAILED;
    }

    @Override
    public void close() {
        connection.close();
    }
}
