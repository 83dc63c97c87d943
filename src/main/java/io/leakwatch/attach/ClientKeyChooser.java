package io.leakwatch.attach;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client side of the JMX TLS context's key manager: picks a configured client key the way the
 * JDK's does (one whose issuer the server accepts) and notes, for the thread doing the handshake,
 * that the server asked for a certificate and what it got. In TLS 1.3 a server that refuses the
 * client's certificate only says so after the client's side of the handshake is done, usually as
 * a broken pipe; the note is what lets {@link ClientCertificates} name the cause.
 */
final class ClientKeyChooser extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager keys;

    /** {@code keys} is null when no target has a client keystore. */
    ClientKeyChooser(X509ExtendedKeyManager keys) {
        this.keys = keys;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return noted(issuers, keys == null ? null : keys.chooseClientAlias(keyType, issuers, socket));
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return noted(issuers, keys == null ? null : keys.chooseEngineClientAlias(keyType, issuers, engine));
    }

    private String noted(Principal[] issuers, String alias) {
        String accepted = issuers == null || issuers.length == 0 ? "any issuer"
                : Arrays.stream(issuers).map(Principal::getName).collect(Collectors.joining("; "));
        X509Certificate[] chain = alias == null ? null : keys.getCertificateChain(alias);
        ClientCertificates.requested(accepted, chain == null || chain.length == 0 ? null
                : chain[0].getSubjectX500Principal().getName());
        return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys == null ? null : keys.getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys == null ? null : keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys == null ? null : keys.getPrivateKey(alias);
    }

    /** The daemon is only ever the client of a JMX server. */
    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
