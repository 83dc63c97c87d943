package io.leakwatch.attach;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Collections;
import java.util.List;

/** Folds several stores into one in-memory store, for one trust manager and one key manager. */
final class KeyStoreMerge {

    private KeyStoreMerge() {
    }

    /** Every certificate of every store, as trusted entries. */
    static KeyStore certificates(List<KeyStore> stores) throws GeneralSecurityException {
        KeyStore merged = empty();
        for (int i = 0; i < stores.size(); i++) {
            KeyStore store = stores.get(i);
            for (String alias : Collections.list(store.aliases())) {
                Certificate cert = store.getCertificate(alias);
                if (cert != null) {
                    merged.setCertificateEntry(i + "/" + alias, cert);
                }
            }
        }
        return merged;
    }

    /** Every private key with its chain, re-protected with {@code password}. */
    static KeyStore keys(List<KeyStore> stores, List<char[]> passwords, char[] password) throws GeneralSecurityException {
        KeyStore merged = empty();
        for (int i = 0; i < stores.size(); i++) {
            KeyStore store = stores.get(i);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, passwords.get(i));
                    if (key instanceof PrivateKey) {
                        merged.setKeyEntry(i + "/" + alias, key, password, store.getCertificateChain(alias));
                    }
                }
            }
        }
        return merged;
    }

    /** A password for the in-memory store only; it never leaves this process. */
    static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return password;
    }

    private static KeyStore empty() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot make an in-memory keystore", e);
        }
        return store;
    }
}
