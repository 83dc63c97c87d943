package io.leakwatch.attach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Supplier;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * SSL client sockets for JMX that cannot hang and check the server's host name.
 * <ul>
 *   <li>The TCP connect gives up after the RMI connect timeout; the JDK's factory connects without
 *       one, so an unreachable host would hold a thread for the operating system's minutes.</li>
 *   <li>The TLS handshake runs here, eagerly, under the handshake timeout. Left to RMI, it would
 *       start with RMI's first write, and the JDK 17 RMI client arms its handshake timeout only
 *       after that write: an endpoint that accepts TCP but never answers TLS would hold the thread
 *       forever. The read timeout is reset to 0 afterwards because RMI keeps a socket's own
 *       timeout, when it has one, for every later call instead of its response timeout.</li>
 *   <li>The server's certificate must name the host connected to (HTTPS-style identification).</li>
 * </ul>
 */
final class TimeoutSslSocketFactory extends SSLSocketFactory {

    private final Supplier<SSLSocketFactory> delegate;
    private final int connectMillis;
    private final int handshakeMillis;

    TimeoutSslSocketFactory(Supplier<SSLSocketFactory> delegate, int connectMillis, int handshakeMillis) {
        this.delegate = delegate;
        this.connectMillis = connectMillis;
        this.handshakeMillis = handshakeMillis;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, port), connectMillis);
            SSLSocket ssl = verifyingHost(delegate.get().createSocket(raw, host, port, true));
            ssl.setSoTimeout(handshakeMillis);
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            return ssl;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
        return verifyingHost(delegate.get().createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket(host.getHostAddress(), port);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return verifyingHost(delegate.get().createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return verifyingHost(delegate.get().createSocket(address, port, localAddress, localPort));
    }

    @Override
    public Socket createSocket() throws IOException {
        return verifyingHost(delegate.get().createSocket());
    }

    @Override
    public String[] getDefaultCipherSuites() {
        return delegate.get().getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return delegate.get().getSupportedCipherSuites();
    }

    private static SSLSocket verifyingHost(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        return ssl;
    }
}
