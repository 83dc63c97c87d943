package io.leakwatch.http;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where and how the HTTP endpoint listens.
 *
 * @param address interface to bind; localhost unless configured otherwise
 * @param port    TCP port, 0 for an ephemeral one
 * @param tls     HTTPS instead of HTTP when present
 * @param auth    basic authentication on every path when present
 */
public record HttpSettings(String address, int port, Optional<Tls> tls, Optional<BasicAuth> auth) {
    public HttpSettings {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(auth, "auth");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Plain HTTP without authentication. */
    public HttpSettings(String address, int port) {
        this(address, port, Optional.empty(), Optional.empty());
    }

    /** 127.0.0.1:9464, the agreed default. */
    public static HttpSettings defaults() {
        return new HttpSettings("127.0.0.1", 9464);
    }

    /**
     * The server's key and certificate chain.
     *
     * @param keystore a PKCS12 keystore, or a PEM file holding a private key (PKCS#8, PKCS#1 RSA or
     *                 EC) and its certificates
     * @param password the keystore password (resolved secret); for PEM, that of an encrypted key
     */
    public record Tls(Path keystore, String password) {
        public Tls {
            Objects.requireNonNull(keystore, "keystore");
            Objects.requireNonNull(password, "password");
        }

        /** Never the password. */
        @Override
        public String toString() {
            return "Tls[keystore=" + keystore + "]";
        }
    }

    /**
     * One user allowed in.
     *
     * @param username     the user name
     * @param passwordHash a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}, cost 4 to 31)
     */
    public record BasicAuth(String username, String passwordHash) {
        /** The modular crypt form of bcrypt: version, two-digit cost, 22 salt and 31 hash characters. */
        public static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

        public BasicAuth {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(passwordHash, "passwordHash");
            if (username.isEmpty() || username.contains(":")) {
                throw new IllegalArgumentException("username must be non-empty and without ':'");
            }
            if (!BCRYPT.matcher(passwordHash).matches()) {
                throw new IllegalArgumentException("passwordHash is not a bcrypt hash");
            }
        }

        /** Never the hash. */
        @Override
        public String toString() {
            return "BasicAuth[username=" + username + "]";
        }
    }
}
