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
 * Client-side timeouts of JMX over RMI. Both are JVM-wide: the RMI runtime reads
 * {@code sun.rmi.transport.tcp.responseTimeout} once, when it first opens a connection, and the
 * socket factory is set once per JVM. So they are installed when the first sampler factory is made
 * and only when nobody set them before (a {@code -D} on the daemon's command line wins).
 */
final class RmiClientTimeouts {

    private static final Logger LOG = LoggerFactory.getLogger(RmiClientTimeouts.class);
    static final String RESPONSE_TIMEOUT = "sun.rmi.transport.tcp.responseTimeout";

    private RmiClientTimeouts() {
    }

    static synchronized void install(Duration connect, Duration response) {
        if (System.getProperty(RESPONSE_TIMEOUT) == null) {
            System.setProperty(RESPONSE_TIMEOUT, Long.toString(response.toMillis()));
        }
        if (RMISocketFactory.getSocketFactory() == null) {
            try {
                RMISocketFactory.setSocketFactory(new ConnectTimeoutFactory((int) connect.toMillis()));
            } catch (IOException | SecurityException e) {
                LOG.warn("RMI connect timeout not installed ({}); connects to unreachable JMX hosts wait for the OS timeout",
                        e.getMessage());
            }
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
