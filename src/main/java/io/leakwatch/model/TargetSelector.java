package io.leakwatch.model;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/** How a configured target finds the JVM (or JVMs) it watches. */
public sealed interface TargetSelector {

    /** A fixed process id. */
    record Pid(long pid) implements TargetSelector {
        public Pid {
            if (pid <= 0) {
                throw new IllegalArgumentException("pid must be positive: " + pid);
            }
        }
    }

    /** A file holding the pid, read again before each sample so restarts are followed. */
    record PidFile(Path file) implements TargetSelector {
        public PidFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** Every local JVM whose main class or display name matches; JVMs come and go. */
    record MainClass(Pattern regex) implements TargetSelector {
        public MainClass {
            Objects.requireNonNull(regex, "regex");
        }
    }

    /**
     * A remote (or local) JMX service URL, with optional credentials and optional TLS ({@code tls}
     * null means plain RMI).
     */
    record JmxUrl(String url, String username, String password, JmxTls tls) implements TargetSelector {
        public JmxUrl {
            Objects.requireNonNull(url, "url");
            if (!url.startsWith("service:jmx:")) {
                throw new IllegalArgumentException("JMX URL must start with service:jmx: but was " + url);
            }
            if ((username == null) != (password == null)) {
                throw new IllegalArgumentException("JMX username and password go together");
            }
        }

        /** A URL reached over plain RMI. */
        public JmxUrl(String url, String username, String password) {
            this(url, username, password, null);
        }

        @Override
        public String toString() {
            return "JmxUrl[url=" + url + ", username=" + username + ", password=" + (password == null ? "null" : "***")
                    + (tls == null ? "" : ", tls=" + tls) + "]";
        }
    }
}
