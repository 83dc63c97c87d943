package io.leakwatch.attach;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Names the cause of a failed TLS handshake in terms of the {@code jmxTls} settings. The JDK's
 * messages ("PKIX path building failed", "Received fatal alert: bad_certificate") are accurate but
 * do not say which side to fix.
 */
final class TlsFailures {

    private TlsFailures() {
    }

    /** True when the handshake failed because the server's certificate is not trusted or names another host. */
    static boolean serverNotTrusted(Throwable t) {
        String explained = explain(t);
        return explained != null && explained.startsWith("TLS: the server's certificate");
    }

    /** What went wrong with TLS and how to fix it, or null when {@code t} is not a TLS failure. */
    static String explain(Throwable t) {
        String found = null;
        for (Throwable c = t; c != null && c.getCause() != c; c = c.getCause()) {
            String message = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException
                    || message.contains("unable to find valid certification path")) {
                return "TLS: the server's certificate is not trusted; add it or its CA to jmxTls.truststore";
            }
            if (c instanceof CertificateException && (message.contains("subject alternative") || message.contains("no name matching"))) {
                return "TLS: the server's certificate does not name the host connected to; its subject alternative"
                        + " names must include the JMX URL's host and the target's java.rmi.server.hostname";
            }
            if (c instanceof SSLException && found == null) {
                found = sslProblem(message);
            }
        }
        return found;
    }

    private static String sslProblem(String message) {
        if (message.contains("bad_certificate") || message.contains("certificate_required")
                || message.contains("certificate_unknown") || message.contains("unknown_ca")) {
            return "TLS: the server refused the client certificate or needed one and got none; give jmxTls.keystore"
                    + " with a key whose certificate (or CA) is in the target's javax.net.ssl.trustStore";
        }
        if (message.contains("unsupported or unrecognized ssl message") || message.contains("plaintext")
                || message.contains("remote host terminated the handshake")) {
            return "TLS: the endpoint does not speak TLS; is the target started with com.sun.management.jmxremote.ssl=true"
                    + " (and registry.ssl=true when registrySsl is true)?";
        }
        return "TLS handshake failed";
    }
}
