package io.leakwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.leakwatch.http.TestKeystores;
import io.leakwatch.model.JmxTls;
import io.leakwatch.model.TargetSelector;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target's {@code jmxTls} section: stores opened at load time, secrets from the environment or a
 * file and never shown. The stores are real PKCS12 files made with keytool (one key pair, one
 * truststore with its certificate); connecting with them is RemoteJmxTlsIT's job.
 */
class JmxTlsConfigTest {

    private static final String STORE_PW = "store-secret-93";
    private static final String URL = "service:jmx:rmi:///jndi/rmi://db1:9010/jmxrmi";

    @TempDir
    static Path dir;
    private static Path keystore;
    private static Path truststore;

    private final ConfigReader reader = new ConfigReader(Map.of("LW_TRUST_PW", STORE_PW)::get);

    @BeforeAll
    static void stores() throws Exception {
        keystore = TestKeystores.pkcs12(dir, STORE_PW);
        KeyStore keys = KeyStore.getInstance(keystore.toFile(), STORE_PW.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("jmx-server", keys.getCertificate(keys.aliases().nextElement()));
        truststore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(truststore)) {
            trust.store(out, STORE_PW.toCharArray());
        }
    }

    private static String target(String tls) {
        return "targets:\n  - name: db\n    jmxUrl: " + URL + "\n    jmxTls: " + tls + "\n";
    }

    private ConfigProblem onlyProblem(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> reader.read("lw.yml", yaml));
        assertThat(e).as("config should be refused").isNotNull();
        assertThat(e.problems()).hasSize(1);
        ConfigProblem p = e.problems().get(0);
        assertThat(e.getMessage()).startsWith("lw.yml:" + p.line() + ":" + p.column() + ": ").doesNotContain(STORE_PW);
        return p;
    }

    @Test
    void everyKeyWithSecretsFromTheEnvironmentAndAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("key-pw"), STORE_PW + "\n");
        LeakwatchConfig c = reader.read("lw.yml", """
                targets:
                  - name: db
                    jmxUrl: %s
                    username: monitor
                    password: ${LW_TRUST_PW}
                    jmxTls:
                      truststore: %s
                      truststorePassword: ${LW_TRUST_PW}
                      keystore: %s
                      keystorePassword: file:%s
                      registrySsl: true
                """.formatted(URL, truststore, keystore, secret));
        TargetSelector.JmxUrl jmx = (TargetSelector.JmxUrl) c.targets().get(0).selector();
        assertThat(jmx.tls()).isEqualTo(new JmxTls(truststore, STORE_PW, keystore, STORE_PW, true));
        assertThat(c.toString()).doesNotContain(STORE_PW).contains("keystorePassword=***");
    }

    @Test
    void onlyATruststoreIsNeededAndTheRegistryIsPlainByDefault() throws Exception {
        LeakwatchConfig c = reader.read("lw.yml", target("{truststore: " + truststore + ", truststorePassword: '${LW_TRUST_PW}'}"));
        JmxTls tls = ((TargetSelector.JmxUrl) c.targets().get(0).selector()).tls();
        assertThat(tls.keystore()).isNull();
        assertThat(tls.registrySsl()).isFalse();
    }

    @Test
    void aMissingTruststoreKeyIsNamed() {
        ConfigProblem p = onlyProblem(target("{registrySsl: true}"));
        assertThat(p.key()).isEqualTo("targets[0].jmxTls");
        assertThat(p.line()).isEqualTo(4);
        assertThat(p.message()).contains("missing 'truststore'");
    }

    @Test
    void aMissingTruststoreFileIsNamedWithItsLine() {
        ConfigProblem p = onlyProblem(target("\n      truststore: " + dir.resolve("nope.p12")
                + "\n      truststorePassword: '${LW_TRUST_PW}'"));
        assertThat(p.key()).isEqualTo("targets[0].jmxTls.truststore");
        assertThat(p.line()).isEqualTo(5);
        assertThat(p.message()).contains("nope.p12").contains("does not exist");
    }

    @Test
    void aWrongTruststorePasswordIsRefusedAtLoadWithoutShowingIt() {
        ConfigProblem p = onlyProblem(target("{truststore: " + truststore + ", truststorePassword: not-the-pw-17}"));
        assertThat(p.key()).isEqualTo("targets[0].jmxTls.truststore");
        assertThat(p.message()).contains("wrong password").doesNotContain("not-the-pw-17");
    }

    @Test
    void aWrongKeystorePasswordIsRefusedAtLoad() {
        ConfigProblem p = onlyProblem(target("{truststore: " + truststore + ", truststorePassword: '${LW_TRUST_PW}', keystore: "
                + keystore + ", keystorePassword: wrong-key-pw}"));
        assertThat(p.key()).isEqualTo("targets[0].jmxTls.keystore");
        assertThat(p.message()).contains("wrong password").doesNotContain("wrong-key-pw");
    }

    @Test
    void aKeystoreWithoutAPrivateKeyIsRefused() {
        ConfigProblem p = onlyProblem(target("{truststore: " + truststore + ", truststorePassword: '${LW_TRUST_PW}', keystore: "
                + truststore + ", keystorePassword: '${LW_TRUST_PW}'}"));
        assertThat(p.key()).isEqualTo("targets[0].jmxTls.keystore");
        assertThat(p.message()).contains("holds no private key");
    }

    @Test
    void aFileThatIsNoKeystoreIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a keystore\n");
        ConfigProblem p = onlyProblem(target("{truststore: " + text + ", truststorePassword: x}"));
        assertThat(p.key()).isEqualTo("targets[0].jmxTls.truststore");
        assertThat(p.message()).contains("not a PKCS12 or JKS keystore");
    }

    @Test
    void aKeystoreNeedsItsPasswordAndAPasswordItsKeystore() {
        ConfigProblem missing = onlyProblem(target("{truststore: " + truststore + ", truststorePassword: '${LW_TRUST_PW}', keystore: "
                + keystore + "}"));
        assertThat(missing.key()).isEqualTo("targets[0].jmxTls.keystore");
        assertThat(missing.message()).contains("keystorePassword");
        ConfigProblem alone = onlyProblem(target("{truststore: " + truststore + ", truststorePassword: '${LW_TRUST_PW}',"
                + " keystorePassword: '${LW_TRUST_PW}'}"));
        assertThat(alone.key()).isEqualTo("targets[0].jmxTls.keystorePassword");
    }

    @Test
    void anUnsetPasswordVariableIsNamed() {
        ConfigProblem p = onlyProblem(target("{truststore: " + truststore + ", truststorePassword: '${NOT_SET_X}'}"));
        assertThat(p.key()).isEqualTo("targets[0].jmxTls.truststorePassword");
        assertThat(p.message()).contains("NOT_SET_X is not set");
    }

    @Test
    void badFlagsAndUnknownKeysAreRefused() {
        ConfigProblem flag = onlyProblem(target("{truststore: " + truststore + ", truststorePassword: '${LW_TRUST_PW}',"
                + " registrySsl: maybe}"));
        assertThat(flag.key()).isEqualTo("targets[0].jmxTls.registrySsl");
        ConfigProblem typo = onlyProblem(target("{truststore: " + truststore + ", trustStorePassword: x}"));
        assertThat(typo.message()).contains("unknown key 'trustStorePassword'");
    }

    @Test
    void jmxTlsIsOnlyForAJmxUrlTarget() {
        ConfigProblem p = onlyProblem("targets:\n  - name: local\n    pid: 42\n    jmxTls: {truststore: " + truststore + "}\n");
        assertThat(p.key()).isEqualTo("targets[0].jmxTls");
        assertThat(p.message()).contains("only for a jmxUrl target");
    }
}
