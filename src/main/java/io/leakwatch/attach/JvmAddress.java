package io.leakwatch.attach;

import io.leakwatch.model.JmxTls;
import java.util.Objects;

/** Where one target JVM is reached: a local pid to attach to, or a JMX service URL. */
sealed interface JvmAddress {

    /** Key under which the sampler keeps the JVM's connection and failure state. */
    String key();

    /** A JVM on this host, attached through jdk.attach. */
    record Local(long pid) implements JvmAddress {
        @Override
        public String key() {
            return "pid " + pid;
        }
    }

    /** A JVM behind a JMX service URL, with optional credentials and TLS (null: plain RMI). */
    record Remote(String url, String username, String password, JmxTls tls) implements JvmAddress {
        public Remote {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String key() {
            return url;
        }

        @Override
        public String toString() {
            return "Remote[" + url + (username == null ? "" : ", user " + username) + (tls == null ? "" : ", TLS") + "]";
        }
    }
}
