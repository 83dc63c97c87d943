package io.leakwatch.capture;

import com.sun.tools.attach.VirtualMachine;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Test helper: attaches to a real JVM and connects to its local management agent. */
final class JmxAttach implements AutoCloseable {

    private final JMXConnector connector;

    private JmxAttach(JMXConnector connector) {
        this.connector = connector;
    }

    static JmxAttach to(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            String address = vm.startLocalManagementAgent();
            return new JmxAttach(JMXConnectorFactory.connect(new JMXServiceURL(address)));
        } finally {
            vm.detach();
        }
    }

    MBeanServerConnection connection() throws java.io.IOException {
        return connector.getMBeanServerConnection();
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (java.io.IOException ignored) {
            // the target may already be gone; nothing to release then
        }
    }
}
