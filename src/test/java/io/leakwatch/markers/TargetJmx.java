package io.leakwatch.markers;

import com.sun.tools.attach.VirtualMachine;
import io.leakwatch.testing.ObjectNames;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Test-side JMX to a child JVM, the way the daemon reaches a target: attach, start the local
 * management agent, connect over real JMX.
 */
public final class TargetJmx {

    public static final ObjectName MARKERS = ObjectNames.of(LeakMarkers.OBJECT_NAME);

    private TargetJmx() {
    }

    public static JMXConnector connect(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return JMXConnectorFactory.connect(new JMXServiceURL(address));
        } finally {
            vm.detach();
        }
    }

    /** A full GC in the target, as the daemon forces before reading survivors. */
    public static void gc(MBeanServerConnection connection) throws Exception {
        ManagementFactory.newPlatformMXBeanProxy(
                connection, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class).gc();
    }

    /** The {@code Survivors} attribute as raw open data, keyed by label. */
    public static Map<String, CompositeData> survivors(MBeanServerConnection connection) throws Exception {
        CompositeData[] rows = (CompositeData[]) connection.getAttribute(MARKERS, "Survivors");
        Map<String, CompositeData> byLabel = new LinkedHashMap<>();
        for (CompositeData row : rows) {
            byLabel.put((String) row.get("label"), row);
        }
        return byLabel;
    }
}
