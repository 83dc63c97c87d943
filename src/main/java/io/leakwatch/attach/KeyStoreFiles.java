package io.leakwatch.attach;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

/**
 * Reads the truststores and client keystores of remote JMX targets (PKCS12 or JKS, the type found
 * from the content) and says in one line what is wrong with one. The config binder uses it to
 * refuse a bad file at load time; the TLS context reads the files again when a target first
 * connects. Messages name the file, never a password.
 */
public final class KeyStoreFiles {

    /** A store that cannot be used; the message is safe to show and says what to fix. */
    public static final class StoreException extends Exception {
        StoreException(String message) {
            super(message);
        }
    }

    private KeyStoreFiles() {
    }

    /** A truststore: readable, the password right, at least one certificate in it. */
    public static KeyStore truststore(Path file, String password) throws StoreException {
        KeyStore store = load(file, password);
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) != null) {
                    return store;
                }
            }
        } catch (KeyStoreException e) {
            throw new StoreException(file + " cannot be listed: " + e.getMessage());
        }
        throw new StoreException(file + " holds no certificate" + (password == null
                ? "; a PKCS12 store may need its password to show them (give truststorePassword)"
                : "; import the JMX server's certificate or its CA with keytool -importcert"));
    }

    /** A client keystore: readable, the password right for the store and its keys, at least one key. */
    public static KeyStore keystore(Path file, String password) throws StoreException {
        KeyStore store = load(file, password);
        boolean found = false;
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    store.getKey(alias, password.toCharArray());
                    found = true;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new StoreException(file + ": a key's password differs from the keystore's; give the key the"
                    + " keystore's password (keytool -keypasswd)");
        } catch (GeneralSecurityException e) {
            throw new StoreException(file + " cannot be read: " + e.getMessage());
        }
        if (!found) {
            throw new StoreException(file + " holds no private key; give a keystore with the client's key and"
                    + " certificate (keytool -genkeypair, or openssl pkcs12 -export)");
        }
        return store;
    }

    private static KeyStore load(Path file, String password) throws StoreException {
        if (!Files.isRegularFile(file)) {
            throw new StoreException(file + " does not exist or is not a file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password == null ? null : password.toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new StoreException(file + ": wrong password (or the file is damaged)");
            }
            if (e instanceof NoSuchFileException || e instanceof java.nio.file.AccessDeniedException
                    || e instanceof java.io.FileNotFoundException) {
                throw new StoreException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
            }
            throw new StoreException(file + " cannot be read as a keystore: " + e.getMessage());
        } catch (KeyStoreException e) {
            throw new StoreException(file + " is not a PKCS12 or JKS keystore");
        } catch (GeneralSecurityException e) {
            throw new StoreException(file + " cannot be read as a keystore: " + e.getMessage());
        }
    }
}
