package io.leakwatch.attach;

import io.leakwatch.model.TargetIdentity;
import io.leakwatch.sample.FailureKind;
import java.util.Objects;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/** Reads who a connected JVM is from its runtime MBean; works on JDK 8 to 25. */
final class IdentityReader {

    private static final ObjectName RUNTIME = JvmConnection.name("java.lang:type=Runtime");

    private IdentityReader() {
    }

    static TargetIdentity read(MBeanServerConnection server) throws Exception {
        AttributeList values = server.getAttributes(RUNTIME, new String[] {"Name", "StartTime", "VmVersion"});
        String runtimeName = null;
        long startTime = -1;
        String vmVersion = "";
        for (Attribute a : values.asList()) {
            switch (a.getName()) {
                case "Name" -> runtimeName = (String) a.getValue();
                case "StartTime" -> startTime = (Long) a.getValue();
                case "VmVersion" -> vmVersion = Objects.toString(a.getValue(), "");
                default -> { }
            }
        }
        long pid = pidOf(runtimeName);
        if (pid <= 0 || startTime < 0) {
            throw new JvmCallException(FailureKind.BAD_RESPONSE,
                    "runtime MBean gave no pid or start time (Name=" + runtimeName + ", StartTime=" + startTime + ")");
        }
        return new TargetIdentity(pid, startTime, mainClassOf(server), vmVersion);
    }

    /** HotSpot names the runtime {@code pid@host} on every JDK; the Pid attribute exists only from 10. */
    private static long pidOf(String runtimeName) {
        if (runtimeName == null) {
            return -1;
        }
        int at = runtimeName.indexOf('@');
        try {
            return Long.parseLong(at < 0 ? runtimeName : runtimeName.substring(0, at));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String mainClassOf(MBeanServerConnection server) throws Exception {
        Object props = server.getAttribute(RUNTIME, "SystemProperties");
        if (props instanceof TabularData table) {
            CompositeData row = table.get(new Object[] {"sun.java.command"});
            if (row != null) {
                String command = Objects.toString(row.get("value"), "").strip();
                int space = command.indexOf(' ');
                return space < 0 ? command : command.substring(0, space);
            }
        }
        return "";
    }
}
