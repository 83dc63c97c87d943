package io.leakwatch.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Resolves a secret written as {@code ${ENV_VAR}}, {@code file:/path} (first line of the file) or
 * literally. Error messages name where the secret was to come from, never its value.
 */
final class SecretResolver {

    /** A secret that could not be read; the message is safe to show. */
    static final class SecretException extends Exception {
        SecretException(String message) {
            super(message);
        }
    }

    private final UnaryOperator<String> environment;

    SecretResolver(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    String resolve(String written) throws SecretException {
        if (written.startsWith("${") && written.endsWith("}")) {
            String name = written.substring(2, written.length() - 1);
            String value = environment.apply(name);
            if (value == null) {
                throw new SecretException("environment variable " + name + " is not set");
            }
            return value;
        }
        if (written.startsWith("file:")) {
            Path file = Path.of(written.substring("file:".length()));
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                int end = content.indexOf('\n');
                return (end < 0 ? content : content.substring(0, end)).strip();
            } catch (IOException e) {
                throw new SecretException("cannot read secret file " + file + ": " + e.getClass().getSimpleName());
            }
        }
        return written;
    }
}
