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
    static final ObjectName COLLECTORS = name("java.lang:type=GarbageCollector,*");
    private static final String[] STRING_ARRAY_SIGNATURE = {String[].class.getName()};

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final CallGate gate;
    private final Duration callTimeout;
    private final TargetIdentity identity;
    private final boolean local;
    private final PerfDataFile perfData = new PerfDataFile();
    private volatile Set<String> heapPools;
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
        return classHistogram(false);
    }

    /**
     * Runs {@code GC.class_histogram}, with {@code -all} when {@code withoutGc}: the heap walk alone,
     * no forced GC, so unreachable objects not yet collected are counted too.
     */
    String classHistogram(boolean withoutGc) throws JvmCallException {
        String[] args = withoutGc ? new String[] {"-all"} : new String[0];
        return call("run GC.class_histogram" + (withoutGc ? " -all" : ""), callTimeout,
                () -> (String) server.invoke(DIAGNOSTIC_COMMAND, "gcClassHistogram", new Object[] {args},
                        STRING_ARRAY_SIGNATURE));
    }

    /**
     * What the target's collectors last reported ({@code LastGcInfo} of each GarbageCollector
     * MXBean, the data of {@code GarbageCollectionNotificationInfo}), read as attributes: no
     * safepoint, and the same over a local agent or a remote URL. The newest collection by end time
     * wins. Managers named {@code ... Pauses} (ZGC, Shenandoah) are left out: they report the
     * pauses inside a concurrent cycle, whose usage is not an after-collection figure; their
     * {@code ... Cycles} managers report the end of each cycle.
     */
    GcReading gcReading() throws JvmCallException {
        Set<String> pools = heapPools();
        return call("read the collectors' last GC info", callTimeout, () -> {
            long newestEnd = Long.MIN_VALUE;
            long newestUsed = -1;
            String newestName = "";
            long collections = 0;
            for (ObjectName gc : server.queryNames(COLLECTORS, null)) {
                AttributeList values = server.getAttributes(gc, new String[] {"Name", "CollectionCount", "LastGcInfo"});
                String gcName = "";
                CompositeData info = null;
                for (javax.management.Attribute a : values.asList()) {
                    switch (a.getName()) {
                        case "Name" -> gcName = Objects.toString(a.getValue(), "");
                        case "CollectionCount" -> collections += Math.max(0, ((Number) a.getValue()).longValue());
                        case "LastGcInfo" -> info = (CompositeData) a.getValue();
                        default -> { }
                    }
                }
                if (info == null || gcName.endsWith(" Pauses")) {
                    continue;
                }
                long end = ((Number) info.get("endTime")).longValue();
                if (end >= newestEnd) {
                    newestEnd = end;
                    newestUsed = usedIn((TabularData) info.get("memoryUsageAfterGc"), pools);
                    newestName = gcName;
                }
            }
            CompositeData heap = (CompositeData) server.getAttribute(MEMORY, "HeapMemoryUsage");
            long max = Math.max(0, (Long) heap.get("max"));
            long live = newestUsed >= 0 ? newestUsed : (Long) heap.get("used");
            return new GcReading(live, newestName, collections, max);
        });
    }

    private static long usedIn(TabularData usageByPool, Set<String> heapPools) {
        long sum = 0;
        for (Object row : usageByPool.values()) {
            CompositeData entry = (CompositeData) row;
            if (heapPools.contains(Objects.toString(entry.get("key"), ""))) {
                sum += (Long) ((CompositeData) entry.get("value")).get("used");
            }
        }
        return sum;
    }

    /** Names of the heap memory pools, read once per connection (a JVM's pools do not change). */
    private Set<String> heapPools() throws JvmCallException {
        Set<String> known = heapPools;
        if (known == null) {
            known = call("read the heap pools", callTimeout, () -> {
                Set<String> names = new java.util.HashSet<>();
                for (ObjectName pool : server.queryNames(MEMORY_POOLS, null)) {
                    if ("HEAP".equals(Objects.toString(server.getAttribute(pool, "Type"), null))) {
                        names.add(pool.getKeyProperty("name"));
                    }
                }
                return Set.copyOf(names);
            });
            heapPools = known;
        }
        return known;
    }

    /**
     * The target's accumulated safepoint time, for local JVMs from their perf-data file; empty for
     * remote JVMs and JVMs without shared perf data.
     */
    OptionalLong safepointNanos() {
        return local ? perfData.safepointNanos(identity.pid()) : OptionalLong.empty();
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
