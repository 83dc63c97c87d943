package io.leakwatch.attach;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server when the configured JMX truststores or the JDK's default trust do. Both are the
 * JDK's own PKIX managers, so path validation, algorithm constraints and host-name checks are
 * theirs; when neither trusts the chain the configured one's reason is reported.
 */
final class UnionTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager configured;
    private final X509ExtendedTrustManager jdk;

    /** {@code configured} may be null (no target has a truststore yet). */
    UnionTrustManager(X509ExtendedTrustManager configured, X509ExtendedTrustManager jdk) {
        this.configured = configured;
        this.jdk = jdk;
    }

    static X509ExtendedTrustManager x509(TrustManager[] managers) {
        for (TrustManager m : managers) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("the JDK trust manager factory made no X509ExtendedTrustManager");
    }

    private interface Check {
        void run(X509ExtendedTrustManager manager) throws CertificateException;
    }

    private void either(Check check) throws CertificateException {
        CertificateException first = null;
        if (configured != null) {
            try {
                check.run(configured);
                return;
            } catch (CertificateException e) {
                first = e;
            }
        }
        try {
            check.run(jdk);
        } catch (CertificateException e) {
            throw first != null ? first : e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        either(m -> m.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        either(m -> m.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        either(m -> m.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        List<X509Certificate> all = new ArrayList<>(List.of(jdk.getAcceptedIssuers()));
        if (configured != null) {
            all.addAll(List.of(configured.getAcceptedIssuers()));
        }
        return all.toArray(X509Certificate[]::new);
    }
}
