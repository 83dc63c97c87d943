package io.leakwatch.http;

import io.leakwatch.http.HttpSettings.Tls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The server's TLS context from {@code http.tls}: a PKCS12 keystore, or a PEM file, read by
 * BouncyCastle's {@link PEMParser}, with a private key (PKCS#8 {@code PRIVATE KEY}, PKCS#1
 * {@code RSA PRIVATE KEY}, SEC1 {@code EC PRIVATE KEY}; encrypted ones with http.tls.password) and
 * its certificate chain, server certificate first. Failures name the config key and the fix, never
 * the password.
 */
final class TlsContexts {

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
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        JcaX509CertificateConverter certificates = new JcaX509CertificateConverter();
        try (PEMParser pem = new PEMParser(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.US_ASCII))) {
            for (Object block = pem.readObject(); block != null; block = pem.readObject()) {
                if (block instanceof X509CertificateHolder certificate) {
                    chain.add(certificates.getCertificate(certificate));
                } else if (block instanceof PrivateKeyInfo pkcs8) {
                    key = keys.getPrivateKey(pkcs8);
                } else if (block instanceof PEMKeyPair pkcs1OrSec1) {
                    key = keys.getKeyPair(pkcs1OrSec1).getPrivate();
                } else if (block instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    key = keys.getPrivateKey(decrypt(encrypted, password));
                } else if (block instanceof PEMEncryptedKeyPair encrypted) {
                    key = keys.getKeyPair(decrypt(encrypted, password)).getPrivate();
                }
                // other blocks (EC parameters, CSRs) play no part in serving
            }
        } catch (KeyProblem e) {
            throw problem(tls, e.getMessage());
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw problem(tls, "not a usable PEM file (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + "); give a private key (PKCS#8, PKCS#1 RSA or EC) and its certificate chain");
        }
        if (key == null || chain.isEmpty()) {
            throw problem(tls, "a PEM keystore needs a private key block and at least one 'CERTIFICATE'"
                    + " block (server certificate first)");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, password, chain.toArray(Certificate[]::new));
            return store;
        } catch (GeneralSecurityException e) {
            throw problem(tls, "the key does not fit its certificate (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static PrivateKeyInfo decrypt(PKCS8EncryptedPrivateKeyInfo encrypted, char[] password)
            throws KeyProblem {
        try {
            return encrypted.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bouncyCastle()).build(password));
        } catch (OperatorCreationException | PKCSException e) {
            throw KeyProblem.wrongPassword();
        }
    }

    private static PEMKeyPair decrypt(PEMEncryptedKeyPair encrypted, char[] password) throws KeyProblem {
        try {
            return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(bouncyCastle()).build(password));
        } catch (IOException e) {
            throw KeyProblem.wrongPassword();
        }
    }

    /**
     * BouncyCastle's provider, for decryption only: OpenSSL encrypts keys with AES/CBC/PKCS7Padding,
     * which the JDK's providers lack. Handed to the decryptors, not installed process-wide.
     */
    private static Provider bouncyCastle() {
        return new BouncyCastleProvider();
    }

    /** A PEM failure whose message is already the fix. */
    private static final class KeyProblem extends Exception {
        private KeyProblem(String message) {
            super(message, null, false, false);
        }

        static KeyProblem wrongPassword() {
            return new KeyProblem("cannot decrypt its private key: give the key's password in http.tls.password");
        }
    }

    private static IOException problem(Tls tls, String message) {
        return new IOException("http.tls.keystore " + tls.keystore() + ": " + message);
    }
}
