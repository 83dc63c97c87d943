package io.leakwatch.attach;

import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Turns a connection that broke after the server asked for a client certificate into a failure
 * that says so. The TLS handshake runs on the thread that opens the connection, so a thread-local
 * note set by {@link ClientKeyChooser} during {@link #watch} belongs to exactly that connect.
 */
final class ClientCertificates {

    private record Request(String acceptedIssuers, String offered) {
    }

    private static final ThreadLocal<Request> LAST = new ThreadLocal<>();

    private ClientCertificates() {
    }

    static void requested(String acceptedIssuers, String offered) {
        LAST.set(new Request(acceptedIssuers, offered));
    }

    /**
     * Runs {@code connect}; when it fails with I/O after a certificate request, and not because the
     * server's own certificate was refused, throws CONNECTION_FAILED naming the client side as the cause.
     */
    static <T> T watch(String what, Callable<T> connect) throws Exception {
        LAST.remove();
        try {
            return connect.call();
        } catch (IOException e) {
            Request request = LAST.get();
            if (request == null || !brokenAfterHandshake(e) || TlsFailures.serverNotTrusted(e) || Failures.isTimeout(e)) {
                throw e;
            }
            String cause = request.offered() == null
                    ? "TLS: the server needs a client certificate and no jmxTls.keystore holds one it accepts"
                            + " (it accepts certificates issued by " + request.acceptedIssuers() + ")"
                    : "TLS: the server refused the client certificate " + request.offered()
                            + "; add it or its CA to the target's javax.net.ssl.trustStore";
            throw new JvmCallException(FailureKind.CONNECTION_FAILED, what + " failed: " + cause + " ("
                    + Failures.describe(e) + ")");
        } finally {
            LAST.remove();
        }
    }

    /** A TLS alert or a connection the server dropped; a refused connect is another endpoint's problem. */
    private static boolean brokenAfterHandshake(Throwable t) {
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            if (c instanceof javax.net.ssl.SSLException
                    || (c instanceof java.net.SocketException && !(c instanceof java.net.ConnectException)
                        && !(c instanceof java.net.NoRouteToHostException))) {
                return true;
            }
        }
        return false;
    }
}
