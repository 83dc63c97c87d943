package io.leakwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leakwatch.http.HttpSettings.BasicAuth;
import io.leakwatch.http.HttpSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code http} section: TLS keystore, basic auth with a bcrypt hash, secrets never shown. */
class HttpConfigTest {

    /** A well-formed bcrypt hash ($2y$, as htpasswd -B writes); passwords are checked in SecureHttpIT. */
    private static final String HASH = "$2y$04$Z1kXbUuH6Y6m3nG0HqH9eeC1fC0Lr5f7wXy0y5g7Ocbq7v0b8r7aG";
    private static final String TARGETS = "targets:\n  - name: a\n    pid: 1\n";

    @TempDir
    Path dir;

    private final ConfigReader reader = new ConfigReader(
            Map.of("LW_STORE_PW", "env-store-password", "LW_HASH", HASH)::get);

    private ConfigProblem onlyProblem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", yaml));
        assertThat(e).as("config should be refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void tlsAndAuthWithSecretsFromTheEnvironmentAndAFile() throws Exception {
        Path keystore = Files.writeString(dir.resolve("server.p12"), "bytes");
        Path hashFile = Files.writeString(dir.resolve("hash"), HASH + "\n");
        LeakwatchConfig c = reader.read("lw.yml", TARGETS + """
                http:
                  address: 0.0.0.0
                  port: 9443
                  tls: {keystore: %s, password: "${LW_STORE_PW}"}
                  auth: {username: prometheus, passwordHash: "file:%s"}
                """.formatted(keystore, hashFile));
        HttpSettings http = c.http();
        assertThat(http.port()).isEqualTo(9443);
        assertThat(http.tls()).hasValueSatisfying(t -> {
            assertThat(t.keystore()).isEqualTo(keystore);
            assertThat(t.password()).isEqualTo("env-store-password");
        });
        assertThat(http.auth()).contains(new BasicAuth("prometheus", HASH));
        assertThat(c.toString()).doesNotContain("env-store-password").doesNotContain(HASH);
    }

    @Test
    void aHashWrittenInlineWorksToo() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", TARGETS + "http:\n  auth:\n    username: u\n    passwordHash: '" + HASH + "'\n");
        assertThat(c.http().auth()).contains(new BasicAuth("u", HASH));
        assertThat(c.http().tls()).isEmpty();
        assertThat(c.http().address()).isEqualTo("127.0.0.1");
    }

    @Test
    void aPlainPasswordInsteadOfAHashIsRefusedWithLineAndKeyAndNotEchoed() {
        ConfigProblem p = onlyProblem(TARGETS + """
                http:
                  auth:
                    username: u
                    passwordHash: hunter2-plain
                """);
        assertThat(p.line()).isEqualTo(7);
        assertThat(p.key()).isEqualTo("http.auth.passwordHash");
        assertThat(p.message()).contains("not a bcrypt hash").contains("htpasswd").doesNotContain("hunter2-plain");
    }

    @Test
    void aMissingKeystoreIsNamed() {
        ConfigProblem p = onlyProblem(TARGETS + "http:\n  tls:\n    keystore: " + dir.resolve("nope.p12") + "\n");
        assertThat(p.key()).isEqualTo("http.tls.keystore");
        assertThat(p.line()).isEqualTo(6);
        assertThat(p.message()).contains("nope.p12");
    }

    @Test
    void anUnsetPasswordVariableIsNamedNotGuessed() throws Exception {
        Path keystore = Files.writeString(dir.resolve("server.p12"), "bytes");
        ConfigProblem p = onlyProblem(TARGETS + "http:\n  tls: {keystore: " + keystore + ", password: '${NOT_SET}'}\n");
        assertThat(p.key()).isEqualTo("http.tls.password");
        assertThat(p.message()).contains("NOT_SET is not set");
    }

    @Test
    void unknownKeysInTheNewSectionsAreRejected() {
        ConfigProblem p = onlyProblem(TARGETS + "http:\n  auth: {username: u, password: x}\n");
        assertThat(p.key()).isEqualTo("http.auth.password");
        assertThat(p.message()).contains("unknown key 'password'").contains("passwordHash");
    }

    @Test
    void aUserNameWithAColonIsRefused() {
        ConfigProblem p = onlyProblem(TARGETS + "http:\n  auth: {username: 'a:b', passwordHash: '" + HASH + "'}\n");
        assertThat(p.key()).isEqualTo("http.auth.username");
    }
}
