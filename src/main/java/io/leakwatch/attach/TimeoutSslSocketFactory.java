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
 * SSL client sockets for JMX: the TCP connect gives up after the RMI connect timeout (the JDK's
 * factory connects without one, so an unreachable host would hold a thread for the OS's minutes),
 * and the handshake checks that the server's certificate names the host connected to. The read
 * timeout of the handshake itself is RMI's: it sets {@code sun.rmi.transport.tcp.handshakeTimeout}
 * as the socket's read timeout before its first write, which is what starts the TLS handshake.
 */
final class TimeoutSslSocketFactory extends SSLSocketFactory {

    private final Supplier<SSLSocketFactory> delegate;
    private final int connectMillis;

    TimeoutSslSocketFactory(Supplier<SSLSocketFactory> delegate, int connectMillis) {
        this.delegate = delegate;
        this.connectMillis = connectMillis;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        Socket raw = new Socket();
        try {
            raw.connect(new InetSocketAddress(host, port), connectMillis);
            return verifyingHost(delegate.get().createSocket(raw, host, port, true));
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

    private static Socket verifyingHost(Socket socket) {
        SSLSocket ssl = (SSLSocket) socket;
        SSLParameters parameters = ssl.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        ssl.setSSLParameters(parameters);
        return ssl;
    }
}
