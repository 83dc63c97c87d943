package io.leakwatch.attach;

import io.leakwatch.model.MarkerSurvival;
import io.leakwatch.model.TargetIdentity;
import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;

/**
 * An open JMX connection to one target JVM. Every method is a remote call under a timeout that
 * fails with {@link JvmCallException}; after a timeout or broken connection the connection marks
 * itself {@linkplain #broken() broken}, closes in the background, and must be replaced.
 *
 * <p>Callers other than the sampler (heap-dump capture) get one from
 * {@link AttachTargetSamplerFactory#connect} and close it when done.
 */
public final class JvmConnection implements AutoCloseable {

    static final ObjectName DIAGNOSTIC_COMMAND = name("com.sun.management:type=DiagnosticCommand");
    static final ObjectName HOTSPOT_DIAGNOSTIC = name("com.sun.management:type=HotSpotDiagnostic");
    static final ObjectName MEMORY_POOLS = name("java.lang:type=MemoryPool,*");
    static final ObjectName LEAK_MARKERS = name("io.leakwatch:type=LeakMarkers");
    static final ObjectName MEMORY = name("java.lang:type=Memory");
    static final ObjectName RUNTIME = name("java.lang:type=Runtime");
    private static final String[] STRING_ARRAY_SIGNATURE = {String[].class.getName()};

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final CallGate gate;
    private final Duration callTimeout;
    private final TargetIdentity identity;
    private final boolean local;
    private final PerfDataFile perfData = new PerfDataFile();
    private volatile boolean broken;
    private volatile boolean closed;

    private JvmConnection(JMXConnector connector, MBeanServerConnection server, CallGate gate,
                          Duration callTimeout, TargetIdentity identity, boolean local) {
        this.connector = connector;
        this.server = server;
        this.gate = gate;
        this.callTimeout = callTimeout;
        this.identity = identity;
        this.local = local;
    }

    /** Wraps a connected connector and reads who the JVM is; closes the connector on failure. */
    static JvmConnection open(JMXConnector connector, CallGate gate, Duration callTimeout, boolean local)
            throws JvmCallException {
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            TargetIdentity identity = gate.call("read the runtime identity", callTimeout,
                    () -> IdentityReader.read(server), ignored -> { });
            return new JvmConnection(connector, server, gate, callTimeout, identity, local);
        } catch (IOException e) {
            gate.runDetached("close the JMX connector", () -> closeQuietly(connector));
            throw Failures.classify("open the JMX connection", e);
        } catch (JvmCallException e) {
            gate.runDetached("close the JMX connector", () -> closeQuietly(connector));
            throw e;
        }
    }

    /** Who the JVM is (pid, start time, main class, VM version), read when the connection opened. */
    public TargetIdentity identity() {
        return identity;
    }

    /** True after a timeout or I/O failure: the connection is closing and must be replaced. */
    public boolean broken() {
        return broken || closed;
    }

    /**
     * Runs {@code GC.class_histogram} (which forces a full GC itself) and returns its text.
     */
    public String classHistogram() throws JvmCallException {
        return call("run GC.class_histogram", callTimeout, () -> (String) server.invoke(DIAGNOSTIC_COMMAND,
                "gcClassHistogram", new Object[] {new String[0]}, STRING_ARRAY_SIGNATURE));
    }

    /**
     * The target's accumulated safepoint time, for local JVMs from their perf-data file; empty for
     * remote JVMs and JVMs without shared perf data.
     */
    OptionalLong safepointNanos() {
        return local ? perfData.safepointNanos(identity.pid()) : OptionalLong.empty();
    }

    /**
     * Heap in use after the last collection: the sum of {@code CollectionUsage.used} over the heap
     * memory pools (pools without collection usage count as zero).
     */
    long liveHeapAfterGc() throws JvmCallException {
        return call("read heap pools' collection usage", callTimeout, () -> {
            long sum = 0;
            Set<ObjectName> pools = server.queryNames(MEMORY_POOLS, null);
            for (ObjectName pool : pools) {
                AttributeList values = server.getAttributes(pool, new String[] {"Type", "CollectionUsage"});
                String type = null;
                CompositeData usage = null;
                for (javax.management.Attribute a : values.asList()) {
                    if (a.getName().equals("Type")) {
                        type = Objects.toString(a.getValue(), null);
                    } else if (a.getName().equals("CollectionUsage")) {
                        usage = (CompositeData) a.getValue();
                    }
                }
                if ("HEAP".equals(type) && usage != null) {
                    sum += (Long) usage.get("used");
                }
            }
            return sum;
        });
    }

    /** Survivors from the agreed marker MBean; empty when the target registers none. */
    List<MarkerSurvival> markers() throws JvmCallException {
        return call("read marker survivors", callTimeout, () -> {
            Object value;
            try {
                value = server.getAttribute(LEAK_MARKERS, "Survivors");
            } catch (InstanceNotFoundException absent) {
                return List.of();
            }
            if (!(value instanceof CompositeData[] rows)) {
                throw new JvmCallException(FailureKind.BAD_RESPONSE, "pid " + identity.pid() + ": " + LEAK_MARKERS + " Survivors is "
                        + (value == null ? "null" : value.getClass().getName()) + ", not CompositeData[]");
            }
            List<MarkerSurvival> survivors = new ArrayList<>(rows.length);
            for (CompositeData row : rows) {
                survivors.add(new MarkerSurvival((String) row.get("label"), ((Number) row.get("alive")).longValue(),
                        ((Number) row.get("oldestAgeMillis")).longValue()));
            }
            return survivors;
        });
    }

    /** Heap in use now ({@code java.lang:type=Memory} HeapMemoryUsage.used), garbage included. */
    long usedHeapBytes() throws JvmCallException {
        return call("read the heap usage", callTimeout,
                () -> (Long) ((CompositeData) server.getAttribute(MEMORY, "HeapMemoryUsage")).get("used"));
    }

    /** A system property of the target, or null when it has none. */
    String systemProperty(String name) throws JvmCallException {
        return call("read system property " + name, callTimeout, () -> {
            TabularData properties = (TabularData) server.getAttribute(RUNTIME, "SystemProperties");
            CompositeData row = properties.get(new Object[] {name});
            return row == null ? null : Objects.toString(row.get("value"), null);
        });
    }

    /**
     * Writes a heap dump of live objects (HotSpotDiagnostic {@code dumpHeap(path, true)}, which
     * itself runs a full GC) to {@code path} on the target's file system. The JVM refuses a path
     * that exists or, since JDK 9, one not ending in {@code .hprof}; that comes back as BAD_RESPONSE.
     */
    public void dumpHeap(String path, Duration timeout) throws JvmCallException {
        Objects.requireNonNull(path, "path");
        call("dump the heap to " + path, timeout, () -> server.invoke(HOTSPOT_DIAGNOSTIC, "dumpHeap",
                new Object[] {path, Boolean.TRUE}, new String[] {String.class.getName(), boolean.class.getName()}));
    }

    /** The JMX connection, for the calls of {@link JfrRecorder}; use it only inside {@link #call}. */
    MBeanServerConnection server() {
        return server;
    }

    /** The call timeout every remote step of this connection runs under. */
    Duration callTimeout() {
        return callTimeout;
    }

    <T> T call(String what, Duration timeout, java.util.concurrent.Callable<T> task) throws JvmCallException {
        if (broken()) {
            throw new JvmCallException(FailureKind.CONNECTION_FAILED, "cannot " + what + " on pid " + identity.pid()
                    + ": the connection is " + (closed ? "closed" : "broken"));
        }
        try {
            return gate.call(what, timeout, task, ignored -> { });
        } catch (JvmCallException e) {
            if (e.kind() == FailureKind.TIMEOUT || e.kind() == FailureKind.CONNECTION_FAILED) {
                broken = true;
                close();
            }
            throw e;
        }
    }

    /** Closes the connector in the background (closing a hung JVM's connector can itself hang). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            gate.runDetached("close the JMX connector", () -> closeQuietly(connector));
        }
    }

    static void closeQuietly(JMXConnector connector) {
        try {
            connector.close();
        } catch (IOException | RuntimeException ignored) {
            // the connection is being abandoned; its failure to close cleanly changes nothing
        }
    }

    static ObjectName name(String value) {
        try {
            return new ObjectName(value);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }
}
