package io.leakwatch.config;

import java.util.Objects;

/**
 * Where the HTTP endpoint listens.
 *
 * @param address interface to bind; localhost unless configured otherwise
 * @param port    TCP port, 0 for an ephemeral one
 */
public record HttpSettings(String address, int port) {
    public HttpSettings {
        Objects.requireNonNull(address, "address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** 127.0.0.1:9464, the agreed default. */
    public static HttpSettings defaults() {
        return new HttpSettings("127.0.0.1", 9464);
    }
}
