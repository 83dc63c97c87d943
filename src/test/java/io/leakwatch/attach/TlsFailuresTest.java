package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.rmi.ConnectIOException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * How JDK TLS failures, wrapped as RMI wraps them, are named. The messages are the JDK 17 ones
 * seen in RemoteJmxTlsIT against real agents; the cases it cannot provoke cheaply are here.
 */
class TlsFailuresTest {

    private static IOException rmi(Throwable cause) {
        return new ConnectIOException("error during JRMP connection establishment", (Exception) cause);
    }

    @Test
    void anUntrustedServerNamesTheTruststore() {
        SSLHandshakeException e = new SSLHandshakeException("PKIX path building failed:"
                + " sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path"
                + " to requested target");
        JvmCallException failure = Failures.classify("connect JMX on u", rmi(e));
        assertThat(failure.kind()).isEqualTo(FailureKind.CONNECTION_FAILED);
        assertThat(failure.getMessage()).contains("certificate is not trusted").contains("jmxTls.truststore");
        assertThat(TlsFailures.serverNotTrusted(rmi(e))).isTrue();
    }

    @Test
    void aCertificateForAnotherHostSaysSo() {
        SSLHandshakeException e = new SSLHandshakeException("No subject alternative names matching IP address 10.1.2.3 found");
        e.initCause(new CertificateException("No subject alternative names matching IP address 10.1.2.3 found"));
        assertThat(TlsFailures.explain(rmi(e))).contains("does not name the host");
        assertThat(TlsFailures.serverNotTrusted(rmi(e))).isTrue();
    }

    @Test
    void alertsAboutTheClientCertificatePointAtTheKeystore() {
        for (String alert : new String[] {"bad_certificate", "certificate_required", "certificate_unknown"}) {
            assertThat(TlsFailures.explain(rmi(new SSLException("Received fatal alert: " + alert))))
                    .contains("refused the client certificate").contains("jmxTls.keystore");
        }
    }

    @Test
    void aPlainEndpointIsNamedAsNotTls() {
        assertThat(TlsFailures.explain(rmi(new SSLHandshakeException("Remote host terminated the handshake"))))
                .contains("does not speak TLS");
        assertThat(TlsFailures.explain(rmi(new SSLException("Unsupported or unrecognized SSL message"))))
                .contains("does not speak TLS");
    }

    @Test
    void aHandshakeTimeoutStaysATimeoutAndPlainFailuresAreUntouched() {
        JvmCallException timeout = Failures.classify("connect JMX on u", rmi(new SocketTimeoutException("Read timed out")));
        assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(TlsFailures.explain(rmi(new java.net.ConnectException("Connection refused")))).isNull();
    }
}
