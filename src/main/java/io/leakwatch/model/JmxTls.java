package io.leakwatch.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS settings of a remote JMX target: whom to trust, which client key to offer, and whether the
 * RMI registry speaks TLS too. Passwords are already resolved; {@link #toString()} hides them.
 *
 * @param truststore         certificates (or their CAs) of the JMX servers to trust
 * @param truststorePassword password of the truststore, or null when it has none
 * @param keystore           client key and certificate for servers that need client auth, or null
 * @param keystorePassword   password of the keystore and its key; non-null exactly when there is a keystore
 * @param registrySsl        the target runs with {@code com.sun.management.jmxremote.registry.ssl=true}
 */
public record JmxTls(Path truststore, String truststorePassword, Path keystore, String keystorePassword,
                     boolean registrySsl) {
    public JmxTls {
        Objects.requireNonNull(truststore, "truststore");
        if ((keystore == null) != (keystorePassword == null)) {
            throw new IllegalArgumentException("a JMX client keystore needs its password, and a password its keystore");
        }
    }

    @Override
    public String toString() {
        return "JmxTls[truststore=" + truststore + (truststorePassword == null ? "" : ", truststorePassword=***")
                + (keystore == null ? "" : ", keystore=" + keystore + ", keystorePassword=***")
                + ", registrySsl=" + registrySsl + "]";
    }
}
