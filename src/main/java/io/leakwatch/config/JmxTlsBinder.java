package io.leakwatch.config;

import io.leakwatch.attach.KeyStoreFiles;
import io.leakwatch.config.RawConfig.RawJmxTls;
import io.leakwatch.model.JmxTls;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks a target's {@code jmxTls} section. The stores are opened here, so a missing file, a wrong
 * password or a store without certificates or key refuses the config at load time instead of
 * failing every sample. Passwords may be {@code ${ENV}} or {@code file:} and never appear in a message.
 */
final class JmxTlsBinder {

    private final Problems problems;
    private final SecretResolver secrets;

    JmxTlsBinder(Problems problems, SecretResolver secrets) {
        this.problems = problems;
        this.secrets = secrets;
    }

    Optional<JmxTls> bind(String key, RawJmxTls raw) {
        int before = problems.count();
        boolean registrySsl = problems.flag(key + ".registrySsl", raw.registrySsl(), false);
        Path truststore = null;
        String truststorePassword = secret(key + ".truststorePassword", raw.truststorePassword());
        if (raw.truststore() == null) {
            problems.report(key, "missing 'truststore'; give a PKCS12 or JKS file with the JMX server's certificate"
                    + " or its CA (keytool -importcert)");
        } else {
            truststore = problems.path(key + ".truststore", raw.truststore());
            if (truststore != null && problems.count() == before) {
                try {
                    KeyStoreFiles.truststore(truststore, truststorePassword);
                } catch (KeyStoreFiles.StoreException e) {
                    problems.report(key + ".truststore", e.getMessage());
                }
            }
        }
        Path keystore = null;
        String keystorePassword = null;
        if (raw.keystore() == null) {
            if (raw.keystorePassword() != null) {
                problems.report(key + ".keystorePassword", "keystorePassword without keystore; give both or neither");
            }
        } else if (raw.keystorePassword() == null) {
            problems.report(key + ".keystore", "missing 'keystorePassword' for the client keystore");
        } else {
            int beforeKeystore = problems.count();
            keystore = problems.path(key + ".keystore", raw.keystore());
            keystorePassword = secret(key + ".keystorePassword", raw.keystorePassword());
            if (keystore != null && problems.count() == beforeKeystore) {
                try {
                    KeyStoreFiles.keystore(keystore, keystorePassword);
                } catch (KeyStoreFiles.StoreException e) {
                    problems.report(key + ".keystore", e.getMessage());
                }
            }
        }
        if (problems.count() > before) {
            return Optional.empty();
        }
        return Optional.of(new JmxTls(truststore, truststorePassword, keystore, keystorePassword, registrySsl));
    }

    private String secret(String key, String written) {
        if (written == null) {
            return null;
        }
        try {
            return secrets.resolve(written);
        } catch (SecretResolver.SecretException e) {
            problems.report(key, e.getMessage());
            return null;
        }
    }
}
