package io.leakwatch.config;

import java.util.Objects;

/**
 * One thing wrong in a config file, with where it is.
 *
 * @param file    the file as given
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param key     dotted path of the key at fault ({@code targets[0].interval}), empty for the root
 * @param message what is wrong and how to fix it
 */
public record ConfigProblem(String file, int line, int column, String key, String message) {
    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (key.isEmpty() ? "" : key + ": ") + message;
    }
}
