package io.leakwatch.attach;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client-side timeouts of JMX over RMI, so a thread blocked on a hung JVM is freed eventually:
 * <ul>
 *   <li>a socket factory whose connect gives up after the connect timeout;</li>
 *   <li>{@code sun.rmi.transport.tcp.handshakeTimeout} (default 60 s) at the same value: a stopped
 *       JVM's kernel still accepts TCP connections, so a new RMI connection waits in the JRMP
 *       handshake, and RMI opens one whenever its ping of a pooled connection goes unanswered;</li>
 *   <li>{@code sun.rmi.transport.tcp.responseTimeout} (default: forever) as the read timeout of calls.</li>
 * </ul>
 * All are JVM-wide: the RMI runtime reads the properties once, when it first opens a connection,
 * and the socket factory is set once per JVM. So they are installed before the first connection,
 * by the commands at start-up and again (a no-op then) when a sampler factory is made, and only
 * when nobody set them before (a {@code -D} on the daemon's command line wins).
 */
public final class RmiClientTimeouts {

    private static final Logger LOG = LoggerFactory.getLogger(RmiClientTimeouts.class);
    static final String RESPONSE_TIMEOUT = "sun.rmi.transport.tcp.responseTimeout";
    static final String HANDSHAKE_TIMEOUT = "sun.rmi.transport.tcp.handshakeTimeout";

    private RmiClientTimeouts() {
    }

    /** Installs the timeouts of {@code settings} unless set before; idempotent. */
    public static void install(AttachSettings settings) {
        install(settings.rmiConnectTimeout(), settings.rmiResponseTimeout());
    }

    static synchronized void install(Duration connect, Duration response) {
        setIfAbsent(RESPONSE_TIMEOUT, response);
        setIfAbsent(HANDSHAKE_TIMEOUT, connect);
        if (RMISocketFactory.getSocketFactory() == null) {
            try {
                RMISocketFactory.setSocketFactory(new ConnectTimeoutFactory((int) connect.toMillis()));
            } catch (IOException | SecurityException e) {
                LOG.warn("RMI connect timeout not installed ({}); connects to unreachable JMX hosts wait for the OS timeout",
                        e.getMessage());
            }
        }
    }

    private static void setIfAbsent(String property, Duration value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Long.toString(value.toMillis()));
        }
    }

    /** Plain sockets, but a connect that cannot hang for the operating system's minutes. */
    private static final class ConnectTimeoutFactory extends RMISocketFactory {
        private final int connectMillis;

        ConnectTimeoutFactory(int connectMillis) {
            this.connectMillis = connectMillis;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(host, port), connectMillis);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return socket;
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return getDefaultSocketFactory().createServerSocket(port);
        }
    }
}
