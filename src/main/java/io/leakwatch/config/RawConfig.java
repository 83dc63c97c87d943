package io.leakwatch.config;

import java.util.List;

/**
 * The file as Jackson binds it: every scalar still a string, so that checking and the error
 * messages stay ours. Unknown keys are rejected during binding.
 */
record RawConfig(List<RawTarget> targets, RawHttp http, String dataDir, RawExport export) {

    /** One {@code targets[]} entry. */
    record RawTarget(
            String name,
            String pid,
            String pidFile,
            String mainClass,
            String jmxUrl,
            String username,
            String password,
            String interval,
            String cron,
            String attachTimeout,
            String callTimeout) {
    }

    /** The {@code http} section. */
    record RawHttp(String address, String port, RawTls tls, RawAuth auth) {
    }

    /** {@code http.tls}. */
    record RawTls(String keystore, String password) {
    }

    /** {@code http.auth}. */
    record RawAuth(String username, String passwordHash) {
    }

    /** The {@code export} section. */
    record RawExport(List<String> include, List<String> exclude, String topN, List<String> allow) {
    }
}
