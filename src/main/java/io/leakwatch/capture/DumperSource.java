package io.leakwatch.capture;

import io.leakwatch.model.TargetIdentity;
import java.io.IOException;

/**
 * Port: a fresh connection to the JVM a sample came from, able to write a heap dump. The attach
 * adapter implements it; the caller closes what it opened.
 */
public interface DumperSource {

    /**
     * Connects to {@code identity}, the process of {@code target} that was sampled.
     *
     * @throws IOException when the JVM is gone, restarted, or refuses the connection
     */
    Dumper open(String target, TargetIdentity identity) throws IOException;

    /**
     * False for a target whose dump could not be read here (a JVM reached over a remote JMX URL
     * writes its dump on its own host): its leaks are alerted without a capture.
     */
    default boolean canDump(String target) {
        return true;
    }

    /** A heap dumper over an open connection. */
    interface Dumper extends HeapDumper, AutoCloseable {
        @Override
        void close();
    }
}
