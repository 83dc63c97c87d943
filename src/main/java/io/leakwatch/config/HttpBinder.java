package io.leakwatch.config;

import io.leakwatch.http.HttpSettings.BasicAuth;
import io.leakwatch.http.HttpSettings.Tls;
import io.leakwatch.config.RawConfig.RawAuth;
import io.leakwatch.config.RawConfig.RawHttp;
import io.leakwatch.config.RawConfig.RawTls;
import io.leakwatch.http.HttpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks the {@code http} section: address, port, {@code tls} (keystore and its password) and
 * {@code auth} (user and bcrypt hash). Secrets may be {@code ${ENV}} or {@code file:} and never
 * appear in a message.
 */
final class HttpBinder {

    private final Problems problems;
    private final SecretResolver secrets;

    HttpBinder(Problems problems, SecretResolver secrets) {
        this.problems = problems;
        this.secrets = secrets;
    }

    HttpSettings bind(RawHttp raw) {
        HttpSettings defaults = HttpSettings.defaults();
        if (raw == null) {
            return defaults;
        }
        String address = raw.address() == null ? defaults.address() : raw.address().trim();
        if (address.isEmpty()) {
            problems.report("http.address", "empty address; write an interface address such as 127.0.0.1");
        }
        int port = defaults.port();
        if (raw.port() != null) {
            port = problems.integer("http.port", raw.port(), 0, 65535).orElse(defaults.port());
        }
        return new HttpSettings(address.isEmpty() ? defaults.address() : address, port, tls(raw.tls()), auth(raw.auth()));
    }

    private Optional<Tls> tls(RawTls raw) {
        if (raw == null) {
            return Optional.empty();
        }
        Path keystore = null;
        if (raw.keystore() == null) {
            problems.report("http.tls", "missing 'keystore'; give a PKCS12 (.p12) or PEM file with the key and certificate");
        } else {
            keystore = problems.path("http.tls.keystore", raw.keystore());
            if (keystore != null && !Files.isReadable(keystore)) {
                problems.report("http.tls.keystore", "cannot read " + keystore + "; give a readable PKCS12 or PEM file");
                keystore = null;
            }
        }
        String password = "";
        if (raw.password() != null) {
            password = secret("http.tls.password", raw.password());
        }
        return keystore == null || password == null ? Optional.empty() : Optional.of(new Tls(keystore, password));
    }

    private Optional<BasicAuth> auth(RawAuth raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String username = raw.username();
        if (username == null || username.isBlank() || username.contains(":")) {
            problems.report(username == null ? "http.auth" : "http.auth.username",
                    username == null ? "missing 'username'" : "the user name must be non-empty and contain no ':'");
            username = null;
        }
        String hash = null;
        if (raw.passwordHash() == null) {
            problems.report("http.auth", "missing 'passwordHash'; give a bcrypt hash such as the output of"
                    + " 'htpasswd -nbBC 12 USER PASSWORD' (the part after the ':')");
        } else {
            hash = secret("http.auth.passwordHash", raw.passwordHash());
            if (hash != null && !BasicAuth.BCRYPT.matcher(hash).matches()) {
                problems.report("http.auth.passwordHash", "not a bcrypt hash (expected $2a$, $2b$ or $2y$, a two-digit"
                        + " cost and 53 characters); plain passwords are not accepted, make one with"
                        + " 'htpasswd -nbBC 12 USER PASSWORD'");
                hash = null;
            }
        }
        return username == null || hash == null ? Optional.empty() : Optional.of(new BasicAuth(username.trim(), hash));
    }

    private String secret(String key, String written) {
        try {
            return secrets.resolve(written);
        } catch (SecretResolver.SecretException e) {
            problems.report(key, e.getMessage());
            return null;
        }
    }
}
