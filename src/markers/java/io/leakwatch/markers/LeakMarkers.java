package io.leakwatch.markers;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.ObjectName;

/**
 * Declares objects that must die: call {@link #expectGone} where an object's life should end, and
 * LeakWatch reports every such object still reachable after a full GC as a survivor of its label.
 *
 * <p>Only a weak reference, the label and the time are kept, so marking never keeps an object
 * alive. The first mark registers the MXBean {@value #OBJECT_NAME} on the platform MBean server.
 */
public final class LeakMarkers {

    /** The name the daemon reads; a JVM without marks has no such MBean. */
    public static final String OBJECT_NAME = "io.leakwatch:type=LeakMarkers";

    private LeakMarkers() {
    }

    /**
     * Marks {@code object} as expected to become unreachable soon. Lock-free; costs a clock read and
     * about 72 bytes that live until the GC after the object dies. A {@code null} object is already
     * gone and is ignored.
     *
     * @param label what kind of object this is, e.g. {@code "session"}; keep labels a small fixed
     *              set: past 256 distinct labels, new ones are counted under {@code "(other labels)"}
     */
    public static void expectGone(Object object, String label) {
        if (label == null) {
            throw new NullPointerException("label");
        }
        if (object != null) {
            Holder.REGISTRY.mark(object, label);
        }
    }

    /** Survivors per label as of now (without forcing a GC), e.g. for an application's own tests. */
    public static List<Survivor> survivors() {
        return Holder.REGISTRY.survivors();
    }

    static MarkerRegistry registry() {
        return Holder.REGISTRY;
    }

    /** Lazy: the MBean appears only once something is marked. */
    private static final class Holder {
        static final MarkerRegistry REGISTRY = register(new MarkerRegistry(new SystemMillis()));

        private static MarkerRegistry register(MarkerRegistry registry) {
            try {
                ManagementFactory.getPlatformMBeanServer()
                        .registerMBean(new LeakMarkersBean(registry), new ObjectName(OBJECT_NAME));
            } catch (Exception | LinkageError e) {
                // Marking must never break the application; without the MBean the marks are only
                // visible in heap dumps (e.g. a second copy of this library in another class loader).
                System.err.println("leakwatch-markers: MBean " + OBJECT_NAME + " not registered: " + e);
            }
            return registry;
        }
    }

    private static final class SystemMillis implements java.util.function.LongSupplier {
        @Override
        public long getAsLong() {
            return System.currentTimeMillis();
        }
    }
}
