package io.leakwatch.http;

import io.leakwatch.http.HttpSettings.Tls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The server's TLS context from {@code http.tls}: a PKCS12 keystore, or a PEM file with an
 * unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY}) and its certificate chain, server
 * certificate first. Failures name the config key and the fix, never the password.
 */
final class TlsContexts {

    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final String ALIAS = "leakwatch";

    private TlsContexts() {
    }

    static SSLContext serverContext(Tls tls) throws IOException {
        byte[] content = Files.readAllBytes(tls.keystore());
        char[] password = tls.password().toCharArray();
        KeyStore store = looksLikePem(content) ? fromPem(tls, content, password) : fromPkcs12(tls, content, password);
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw problem(tls, "cannot use the key in it (" + e.getClass().getSimpleName()
                    + "); give a keystore whose key password equals http.tls.password");
        }
    }

    private static boolean looksLikePem(byte[] content) {
        return new String(content, 0, Math.min(content.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }

    private static KeyStore fromPkcs12(Tls tls, byte[] content, char[] password) throws IOException {
        try (InputStream in = new ByteArrayInputStream(content)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!hasKey(store)) {
                throw problem(tls, "holds no private key; create one with keytool -genkeypair -storetype PKCS12");
            }
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof java.security.UnrecoverableKeyException) {
                throw problem(tls, "wrong password (http.tls.password) for this PKCS12 keystore");
            }
            throw problem(tls, "not a readable PKCS12 keystore or wrong password (" + e.getClass().getSimpleName()
                    + "); give a .p12 file and its password in http.tls.password, or a PEM file");
        } catch (GeneralSecurityException e) {
            throw problem(tls, "not a usable PKCS12 keystore (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static boolean hasKey(KeyStore store) throws GeneralSecurityException {
        for (String alias : java.util.Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                return true;
            }
        }
        return false;
    }

    private static KeyStore fromPem(Tls tls, byte[] content, char[] password) throws IOException {
        PrivateKey key = null;
        List<Certificate> chain = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(new String(content, StandardCharsets.US_ASCII));
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            while (m.find()) {
                byte[] der = Base64.getMimeDecoder().decode(m.group(2));
                switch (m.group(1)) {
                    case "PRIVATE KEY" -> key = pkcs8(tls, der);
                    case "CERTIFICATE" -> chain.add(x509.generateCertificate(new ByteArrayInputStream(der)));
                    case "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY" -> throw problem(tls,
                            "holds a '" + m.group(1) + "'; convert it to an unencrypted PKCS#8 key with"
                                    + " 'openssl pkcs8 -topk8 -nocrypt -in KEY -out key.pem', or use a PKCS12 keystore");
                    default -> {
                        // other blocks (parameters, CSRs) play no part in serving
                    }
                }
            }
            if (key == null || chain.isEmpty()) {
                throw problem(tls, "a PEM keystore needs a 'PRIVATE KEY' block and at least one 'CERTIFICATE'"
                        + " block (server certificate first)");
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw problem(tls, "not a usable PEM file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKey pkcs8(Tls tls, byte[] der) throws IOException, GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (InvalidKeySpecException wrongAlgorithm) {
                // try the next
            }
        }
        throw problem(tls, "its private key is neither RSA, EC nor EdDSA");
    }

    private static IOException problem(Tls tls, String message) {
        return new IOException("http.tls.keystore " + tls.keystore() + ": " + message);
    }
}
