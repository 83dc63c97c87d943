package io.leakwatch.attach;

import io.leakwatch.model.JmxTls;
import io.leakwatch.sample.FailureKind;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's default {@link SSLContext}, through which every JMX-over-TLS connection runs.
 *
 * <p>Why process-wide: a JVM started with {@code com.sun.management.jmxremote.ssl=true} exports its
 * RMI stubs with {@code javax.rmi.ssl.SslRMIClientSocketFactory}, which the client deserializes
 * and which opens its sockets with {@code SSLSocketFactory.getDefault()} (cached in a static field
 * on first use). No connection-level setting reaches those sockets, so per-target trust material
 * cannot be handed over in the JMX environment; only the default context can carry it.
 *
 * <p>So this context trusts the union of the JDK's default trust (cacerts, or
 * {@code javax.net.ssl.trustStore}) and every configured {@code jmxTls.truststore}, and offers
 * every configured client key (the key manager picks one whose issuer the server asks for). It is
 * installed as the default when the first sampler of a TLS target is made (at daemon start-up),
 * and each such target's stores are added then; the delegate is rebuilt on each addition, and
 * sockets made by the factory that {@code SslRMIClientSocketFactory} cached always use the newest one. Its sockets connect and
 * handshake under timeouts (see {@link TimeoutSslSocketFactory}) and verify that the server
 * certificate names the host connected to, so a certificate trusted for one target cannot stand in
 * for another host.
 *
 * <p>Limits, all consequences of the default being process-wide: any target's server may present
 * a certificate trusted through another target's truststore if it names its own host; a server that
 * asks for client certificates may be offered another target's key when it trusts that key's
 * issuer; and everything else in the daemon that uses the default context (HTTPS clients built
 * after installation) trusts the configured truststores too. The context is installed only when a
 * target has {@code jmxTls}. Stores are read once per distinct setting: a rotated truststore or key
 * needs a daemon restart. And if something in the process opened a TLS RMI socket before the
 * first TLS target was set up, {@code SslRMIClientSocketFactory} already holds the JDK's factory and
 * the configured stores are not used (LeakWatch itself opens none before).
 */
public final class JmxSslContext {

    private static final Logger LOG = LoggerFactory.getLogger(JmxSslContext.class);
    private static JmxSslContext installed;

    private final DelegatingSpi spi;
    private final Set<JmxTls> added = new LinkedHashSet<>();
    private final List<KeyStore> trust = new ArrayList<>();
    private final List<KeyStore> keys = new ArrayList<>();
    private final List<char[]> keyPasswords = new ArrayList<>();

    private JmxSslContext(DelegatingSpi spi) {
        this.spi = spi;
    }

    /**
     * Installs the context as the JVM's default now, as the {@code run} command does at start-up
     * when a target uses {@code jmxTls} (a target added by a reload installs it on its first
     * connection). A failure is left to the connects, which retry it and report it as their outcome.
     *
     * @param connectTimeout TCP connect timeout of TLS sockets, as for plain RMI ones
     */
    public static void install(Duration connectTimeout) {
        try {
            installed(connectTimeout);
        } catch (JvmCallException reportedOnConnect) {
            LOG.debug("TLS for JMX not set up at start-up: {}", reportedOnConnect.getMessage());
        }
    }

    /**
     * The installed context; installs it as the JVM's default on the first call. Its sockets
     * connect within {@code connectTimeout} and finish the TLS handshake within RMI's handshake
     * timeout ({@code sun.rmi.transport.tcp.handshakeTimeout}, which {@link RmiClientTimeouts} sets).
     */
    static synchronized JmxSslContext installed(Duration connectTimeout) throws JvmCallException {
        if (installed == null) {
            try {
                SSLContext initial = build(List.of(), List.of(), List.of());
                int connectMillis = (int) connectTimeout.toMillis();
                int handshakeMillis = Integer.getInteger(RmiClientTimeouts.HANDSHAKE_TIMEOUT, connectMillis);
                DelegatingSpi spi = new DelegatingSpi(initial, connectMillis, handshakeMillis);
                SSLContext.setDefault(new SSLContext(spi, initial.getProvider(), "TLS") { });
                installed = new JmxSslContext(spi);
                LOG.info("installed the daemon-wide TLS context for JMX over TLS (JDK default trust plus the"
                        + " configured jmxTls stores)");
            } catch (GeneralSecurityException e) {
                throw new JvmCallException(FailureKind.CONNECTION_FAILED, "cannot set up TLS for JMX: " + e.getMessage());
            }
        }
        return installed;
    }

    /** Adds a target's truststore and client key unless added before; a bad store is a CONNECTION_FAILED. */
    synchronized void add(JmxTls tls) throws JvmCallException {
        if (added.contains(tls)) {
            return;
        }
        KeyStore truststore;
        KeyStore keystore = null;
        try {
            truststore = KeyStoreFiles.truststore(tls.truststore(), tls.truststorePassword());
            if (tls.keystore() != null) {
                keystore = KeyStoreFiles.keystore(tls.keystore(), tls.keystorePassword());
            }
        } catch (KeyStoreFiles.StoreException e) {
            throw new JvmCallException(FailureKind.CONNECTION_FAILED, "jmxTls: " + e.getMessage());
        }
        List<KeyStore> nextTrust = new ArrayList<>(trust);
        nextTrust.add(truststore);
        List<KeyStore> nextKeys = new ArrayList<>(keys);
        List<char[]> nextPasswords = new ArrayList<>(keyPasswords);
        if (keystore != null) {
            nextKeys.add(keystore);
            nextPasswords.add(tls.keystorePassword().toCharArray());
        }
        try {
            spi.current = build(nextTrust, nextKeys, nextPasswords);
        } catch (GeneralSecurityException e) {
            throw new JvmCallException(FailureKind.CONNECTION_FAILED, "jmxTls: cannot use " + tls.truststore()
                    + (tls.keystore() == null ? "" : " and " + tls.keystore()) + ": " + e.getMessage());
        }
        trust.clear();
        trust.addAll(nextTrust);
        keys.clear();
        keys.addAll(nextKeys);
        keyPasswords.clear();
        keyPasswords.addAll(nextPasswords);
        added.add(tls);
    }

    private static SSLContext build(List<KeyStore> truststores, List<KeyStore> keystores, List<char[]> passwords)
            throws GeneralSecurityException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        X509ExtendedTrustManager jdk = UnionTrustManager.x509(defaults.getTrustManagers());
        X509ExtendedTrustManager configured = null;
        if (!truststores.isEmpty()) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(KeyStoreMerge.certificates(truststores));
            configured = UnionTrustManager.x509(tmf.getTrustManagers());
        }
        X509ExtendedKeyManager keys = null;
        if (!keystores.isEmpty()) {
            char[] password = KeyStoreMerge.randomPassword();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(KeyStoreMerge.keys(keystores, passwords, password), password);
            for (KeyManager m : kmf.getKeyManagers()) {
                if (m instanceof X509ExtendedKeyManager x) {
                    keys = x;
                }
            }
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {new ClientKeyChooser(keys)}, new javax.net.ssl.TrustManager[] {new UnionTrustManager(configured, jdk)},
                new SecureRandom());
        return context;
    }

    /** Serves everything from the newest built context; the socket factory adds the connect timeout. */
    private static final class DelegatingSpi extends SSLContextSpi {
        private final int connectMillis;
        private final int handshakeMillis;
        volatile SSLContext current;

        DelegatingSpi(SSLContext current, int connectMillis, int handshakeMillis) {
            this.current = current;
            this.connectMillis = connectMillis;
            this.handshakeMillis = handshakeMillis;
        }

        @Override
        protected void engineInit(KeyManager[] km, javax.net.ssl.TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("the JMX TLS context is initialised by LeakWatch");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new TimeoutSslSocketFactory(() -> current.getSocketFactory(), connectMillis, handshakeMillis);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return current.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return current.createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return current.createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return current.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return current.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return current.getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return current.getSupportedSSLParameters();
        }
    }
}
