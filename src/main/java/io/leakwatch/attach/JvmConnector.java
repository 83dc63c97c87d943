package io.leakwatch.attach;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.leakwatch.model.JmxTls;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SamplingOptions;
import java.io.IOException;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import javax.rmi.ssl.SslRMIClientSocketFactory;

/**
 * Opens a {@link JvmConnection}: for a local pid, attach with jdk.attach, start (or find) the
 * target's local management agent, detach, then connect JMX to the agent's URL; for a JMX URL,
 * connect directly, over TLS when the target has {@code jmxTls} (see {@link JmxSslContext}).
 * Attaching and connecting run under the attach timeout, on the JVM's gate.
 */
final class JvmConnector {

    /** Disables the RMI connector's periodic liveness ping, a thread that would also hang on a stopped JVM. */
    private static final String CHECK_PERIOD = "jmx.remote.x.client.connection.check.period";
    /** JNDI's RMI registry provider makes its registry sockets with this factory (TLS registries). */
    static final String REGISTRY_SOCKET_FACTORY = "com.sun.jndi.rmi.factory.socket";

    private final Duration connectTimeout;

    /** {@code connectTimeout}: TCP connect timeout of TLS sockets, as for plain RMI ones. */
    JvmConnector(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /**
     * Adds a target's TLS stores to the daemon-wide context ahead of its first connection. A store
     * that cannot be read is left out here and reported as the failure of every connect, which
     * retries it, so a file fixed later is picked up.
     */
    void registerTls(JmxTls tls) {
        try {
            JmxSslContext.installed(connectTimeout).add(tls);
        } catch (JvmCallException reportedOnConnect) {
            // the connect attempt repeats the add and returns this failure as the sample's outcome
        }
    }

    JvmConnection open(JvmAddress address, CallGate gate, SamplingOptions options) throws JvmCallException {
        String url;
        Map<String, Object> env = new HashMap<>();
        env.put(CHECK_PERIOD, 0L);
        if (address instanceof JvmAddress.Local local) {
            url = startLocalAgent(local.pid(), gate, options);
        } else {
            JvmAddress.Remote remote = (JvmAddress.Remote) address;
            url = remote.url();
            if (remote.username() != null) {
                env.put(JMXConnector.CREDENTIALS, new String[] {remote.username(), remote.password()});
            }
            if (remote.tls() != null) {
                JmxSslContext.installed(connectTimeout).add(remote.tls());
                if (remote.tls().registrySsl()) {
                    env.put(REGISTRY_SOCKET_FACTORY, new SslRMIClientSocketFactory());
                }
            }
        }
        JMXServiceURL serviceUrl;
        try {
            serviceUrl = new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw new JvmCallException(FailureKind.BAD_RESPONSE, "JMX URL " + url + " is malformed: " + e.getMessage());
        }
        JMXConnector connector = gate.call(address instanceof JvmAddress.Local ? "connect JMX to the local agent" : "connect JMX",
                options.attachTimeout(),
                () -> ClientCertificates.watch("connect JMX on " + address.key(),
                        () -> JMXConnectorFactory.connect(serviceUrl, env)), JvmConnection::closeQuietly);
        return JvmConnection.open(connector, gate, options.callTimeout(), address instanceof JvmAddress.Local);
    }

    private static String startLocalAgent(long pid, CallGate gate, SamplingOptions options) throws JvmCallException {
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new JvmCallException(FailureKind.NOT_FOUND, "no process with pid " + pid);
        }
        return gate.call("attach and start the local management agent", options.attachTimeout(), () -> {
            VirtualMachine vm;
            try {
                vm = VirtualMachine.attach(Long.toString(pid));
            } catch (AttachNotSupportedException | IOException e) {
                throw refused(pid, e);
            }
            try {
                return vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        }, ignored -> { });
    }

    private static JvmCallException refused(long pid, Exception e) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return new JvmCallException(FailureKind.ATTACH_REFUSED,
                    "pid " + pid + " refused attach: " + Failures.describe(e)
                            + " (is it a JVM of the same user, started without -XX:+DisableAttachMechanism?)");
        }
        return new JvmCallException(FailureKind.NOT_FOUND, "pid " + pid + " exited while attaching");
    }
}
