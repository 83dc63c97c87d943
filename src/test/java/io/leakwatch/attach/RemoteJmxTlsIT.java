package io.leakwatch.attach;

import static io.leakwatch.attach.Targets.failed;
import static io.leakwatch.attach.Targets.instancesOf;
import static io.leakwatch.attach.Targets.single;
import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.config.ConfigReader;
import io.leakwatch.config.LeakwatchConfig;
import io.leakwatch.config.TargetConfig;
import io.leakwatch.http.TestKeystores;
import io.leakwatch.model.Sample;
import io.leakwatch.retry.BackOff;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.SampleOutcome;
import io.leakwatch.sample.TargetSampler;
import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Remote JMX over TLS against real JVMs whose JMX agent runs with
 * {@code com.sun.management.jmxremote.ssl=true}, keys and certificates made with the JDK's keytool.
 * Targets come from a real config file through {@link ConfigReader}, as the daemon gets them.
 *
 * <p>The daemon's TLS context is process-wide and only grows (see {@link JmxSslContext}); so each
 * test uses keys of its own, and the client-auth test tries without a client key before it makes
 * the sampler of the target that offers one.
 */
class RemoteJmxTlsIT {

    private static final Duration ATTACH = Duration.ofSeconds(4);
    private static final String STORE_PW = "store-pw-4711";
    private static final String JMX_PW = "jmx-pw-0815";

    @TempDir
    static Path dir;
    private static Path serverKeys;
    private static Path serverTrust;
    private static final List<ChildJvm> jvms = new ArrayList<>();

    private final AttachTargetSamplerFactory factory = new AttachTargetSamplerFactory(Clock.systemUTC(),
            AttachSettings.defaults().withBackOff(new BackOff(Duration.ZERO, Duration.ZERO)));

    @BeforeAll
    static void keys() throws Exception {
        serverKeys = keyPair("server");
        serverTrust = truststore("server-trust.p12", serverKeys);
    }

    @AfterEach
    void stop() throws Exception {
        for (ChildJvm jvm : jvms) {
            jvm.close();
        }
        jvms.clear();
    }

    @Test
    void samplesATargetWithTlsRegistryTlsAndPasswordThroughTheConfig() throws Exception {
        int port = freePort();
        ChildJvm jvm = start(port, serverKeys, null, true, true);
        Targets.grow(jvm, 1500);
        String yaml = """
                sampling: {pauseBudget: 1}   # a histogram every round: this test is about TLS, not pacing
                targets:
                  - name: tls
                    jmxUrl: %s
                    username: monitor
                    password: ${LW_JMX_PW}
                    jmxTls:
                      truststore: %s
                      truststorePassword: file:%s
                      registrySsl: true
                    attachTimeout: 4s
                    callTimeout: 20s
                """.formatted(url(port), serverTrust, secretFile("trust-pw", STORE_PW));
        TargetConfig target = read(yaml).targets().get(0);
        assertThat(target.selector().toString()).doesNotContain(STORE_PW).doesNotContain(JMX_PW);
        try (TargetSampler sampler = factory.create(target.name(), target.selector(), target.sampling())) {
            Sample sample = single(sampler.sampleAll());
            assertThat(sample.identity().pid()).isEqualTo(jvm.pid());
            assertThat(instancesOf(sample, Targets.LEAKED)).isEqualTo(1500);
            assertThat(sample.liveHeapBytes()).isPositive();
            Targets.grow(jvm, 500);
            assertThat(instancesOf(single(sampler.sampleAll()), Targets.LEAKED)).isEqualTo(2000);
        }
        String wrongPassword = yaml.replace("${LW_JMX_PW}", "not-the-password");
        TargetConfig wrong = read(wrongPassword).targets().get(0);
        SampleOutcome.Failed refused = failedOnce(wrong);
        assertThat(refused.kind()).isEqualTo(FailureKind.ATTACH_REFUSED);
        assertThat(refused.message()).contains("Authentication failed").doesNotContain("not-the-password");
    }

    @Test
    void aStoppedTlsTargetTimesOutAfterTheCallTimeoutAndIsSampledAgainOnceItRuns() throws Exception {
        int port = freePort();
        ChildJvm jvm = start(port, serverKeys, null, true, true);
        TargetConfig target = read("""
                sampling: {pauseBudget: 1}   # a histogram every round: this test is about TLS, not pacing
                targets:
                  - name: stopped
                    jmxUrl: %s
                    username: monitor
                    password: ${LW_JMX_PW}
                    jmxTls: {truststore: %s, truststorePassword: "${LW_STORE_PW}", registrySsl: true}
                    attachTimeout: 4s
                    callTimeout: 3s
                """.formatted(url(port), serverTrust)).targets().get(0);
        try (TargetSampler sampler = factory.create(target.name(), target.selector(), target.sampling())) {
            assertThat(single(sampler.sampleAll()).identity().pid()).isEqualTo(jvm.pid());
            jvm.suspend();
            SampleOutcome.Failed stopped;
            try {
                stopped = failed(sampler.sampleAll());
            } finally {
                jvm.resume();
            }
            assertThat(stopped.kind()).isEqualTo(FailureKind.TIMEOUT);
            assertThat(stopped.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(3)).isLessThan(Duration.ofSeconds(6));
            SampleOutcome again = sampler.sampleAll().get(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(again instanceof SampleOutcome.Sampled) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                again = sampler.sampleAll().get(0);
            }
            assertThat(again).as("sampled again over a new TLS connection").isInstanceOf(SampleOutcome.Sampled.class);
        }
    }

    @Test
    void clientAuthFailsClearlyWithoutAClientKeyAndWorksWithOne() throws Exception {
        Path clientKeys = keyPair("client");
        Path clientTrust = truststore("client-trust.p12", clientKeys);
        int registry = freePort();
        ChildJvm jvm = start(registry, serverKeys, clientTrust, false, false);
        String without = """
                sampling: {pauseBudget: 1}   # a histogram every round: this test is about TLS, not pacing
                targets:
                  - name: no-client-key
                    jmxUrl: %s
                    username: monitor
                    password: ${LW_JMX_PW}
                    jmxTls: {truststore: %s, truststorePassword: "${LW_STORE_PW}"}
                    attachTimeout: 4s
                """.formatted(url(registry), serverTrust);
        TargetConfig bare = read(without).targets().get(0);
        SampleOutcome.Failed refused = failedOnce(bare);
        assertThat(refused.kind()).isEqualTo(FailureKind.CONNECTION_FAILED);
        assertThat(refused.message()).contains("server needs a client certificate").contains("jmxTls.keystore")
                .contains("issued by CN=localhost");
        String with = without.replace("\"${LW_STORE_PW}\"}", "\"${LW_STORE_PW}\", keystore: " + clientKeys
                + ", keystorePassword: \"${LW_STORE_PW}\"}").replace("no-client-key", "client-key");
        TargetConfig keyed = read(with).targets().get(0);
        try (TargetSampler sampler = factory.create(keyed.name(), keyed.selector(), keyed.sampling())) {
            Sample sample = single(sampler.sampleAll());
            assertThat(sample.identity().pid()).isEqualTo(jvm.pid());
            assertThat(sample.liveHeapBytes()).isPositive();
        }
    }

    @Test
    void anUntrustedServerCertificateFailsAtOnceNamingTheCause() throws Exception {
        Path strangerKeys = keytool("stranger", "SAN=ip:127.0.0.1");
        int port = freePort();
        start(port, strangerKeys, null, true, true);
        SampleOutcome.Failed refused = failedOnce(tlsTarget("stranger", port, serverTrust));
        assertThat(refused.kind()).isEqualTo(FailureKind.CONNECTION_FAILED);
        assertThat(refused.message()).contains("certificate is not trusted").contains("jmxTls.truststore");
        assertThat(refused.took()).isLessThan(ATTACH);
    }

    @Test
    void aTrustedCertificateThatNamesAnotherHostIsRefused() throws Exception {
        Path elsewhereKeys = keytool("elsewhere", "SAN=dns:jmx.elsewhere.invalid");
        Path elsewhereTrust = truststore("elsewhere-trust.p12", elsewhereKeys);
        int port = freePort();
        start(port, elsewhereKeys, null, true, true);
        SampleOutcome.Failed refused = failedOnce(tlsTarget("elsewhere", port, elsewhereTrust));
        assertThat(refused.kind()).isEqualTo(FailureKind.CONNECTION_FAILED);
        assertThat(refused.message()).contains("does not name the host connected to");
    }

    @Test
    void aListenerThatNeverHandshakesTimesOutWhileAnotherTargetIsSampled() throws Exception {
        int port = freePort();
        ChildJvm jvm = start(port, serverKeys, null, true, true);
        try (SilentListener silent = new SilentListener()) {
            LeakwatchConfig config = read("""
                    sampling: {pauseBudget: 1}   # a histogram every round: this test is about TLS, not pacing
                    targets:
                      - name: silent
                        jmxUrl: %s
                        jmxTls: {truststore: %s, truststorePassword: "${LW_STORE_PW}", registrySsl: true}
                        attachTimeout: 6s
                      - name: good
                        jmxUrl: %s
                        username: monitor
                        password: ${LW_JMX_PW}
                        jmxTls: {truststore: %s, truststorePassword: "${LW_STORE_PW}", registrySsl: true}
                        attachTimeout: 4s
                    """.formatted(url(silent.port()), serverTrust, url(port), serverTrust));
            TargetConfig hung = config.targets().get(0);
            TargetConfig good = config.targets().get(1);
            try (TargetSampler hungSampler = factory.create(hung.name(), hung.selector(), hung.sampling());
                 TargetSampler goodSampler = factory.create(good.name(), good.selector(), good.sampling())) {
                long start = System.nanoTime();
                CompletableFuture<List<SampleOutcome>> hanging = CompletableFuture.supplyAsync(hungSampler::sampleAll);
                Sample sample = single(goodSampler.sampleAll());
                assertThat(sample.identity().pid()).isEqualTo(jvm.pid());
                assertThat(hanging).as("the silent target is still waiting for its handshake").isNotDone();

                SampleOutcome.Failed timeout = failed(hanging.get(hung.sampling().attachTimeout().toSeconds() + 5,
                        TimeUnit.SECONDS));
                assertThat(timeout.kind()).isEqualTo(FailureKind.TIMEOUT);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(6))
                        .isLessThan(Duration.ofSeconds(9));
                assertThat(silent.accepted()).as("the TLS client reached the listener").isNotEmpty();
            }
            // The RMI handshake timeout also ends the TLS handshake, so the blocked thread is freed.
            long handshake = Long.parseLong(System.getProperty(RmiClientTimeouts.HANDSHAKE_TIMEOUT));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(handshake + 5000);
            while (factory.activeCallThreads() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(factory.activeCallThreads()).as("threads still blocked after the handshake timeout").isZero();
        }
    }

    /** A target over TLS with registry TLS and the right password, trusting {@code truststore}. */
    private static TargetConfig tlsTarget(String name, int port, Path truststore) throws Exception {
        return read("""
                sampling: {pauseBudget: 1}   # a histogram every round: this test is about TLS, not pacing
                targets:
                  - name: %s
                    jmxUrl: %s
                    username: monitor
                    password: ${LW_JMX_PW}
                    jmxTls: {truststore: %s, truststorePassword: "${LW_STORE_PW}", registrySsl: true}
                    attachTimeout: 4s
                """.formatted(name, url(port), truststore)).targets().get(0);
    }

    /** The failure of one sampling of {@code target} by a sampler of its own. */
    private SampleOutcome.Failed failedOnce(TargetConfig target) throws Exception {
        try (TargetSampler sampler = factory.create(target.name(), target.selector(), target.sampling())) {
            return failed(sampler.sampleAll());
        }
    }

    private static LeakwatchConfig read(String yaml) throws Exception {
        return new ConfigReader(Map.of("LW_JMX_PW", JMX_PW, "LW_STORE_PW", STORE_PW)::get).read("lw.yml", yaml);
    }

    /** A JVM with the JMX agent on {@code port} over TLS; {@code clientTrust} non-null asks for client certificates. */
    private static ChildJvm start(int port, Path serverKeystore, Path clientTrust, boolean registrySsl, boolean samePort)
            throws IOException {
        Path passwords = dir.resolve("jmx.password");
        Path access = dir.resolve("jmx.access");
        if (!Files.exists(passwords)) {
            Files.writeString(passwords, "monitor " + JMX_PW + "\n");
            Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(access, "monitor readwrite\n");
        }
        List<String> options = new ArrayList<>(List.of("-Xmx128m", "-XX:+UseSerialGC",
                "-Dcom.sun.management.jmxremote.port=" + port,
                "-Dcom.sun.management.jmxremote.rmi.port=" + (samePort ? port : freePort()),
                "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                "-Djava.rmi.server.hostname=127.0.0.1",
                "-Dcom.sun.management.jmxremote.ssl=true",
                "-Dcom.sun.management.jmxremote.registry.ssl=" + registrySsl,
                "-Dcom.sun.management.jmxremote.ssl.need.client.auth=" + (clientTrust != null),
                "-Dcom.sun.management.jmxremote.authenticate=true",
                "-Dcom.sun.management.jmxremote.password.file=" + passwords,
                "-Dcom.sun.management.jmxremote.access.file=" + access,
                "-Djavax.net.ssl.keyStore=" + serverKeystore,
                "-Djavax.net.ssl.keyStorePassword=" + STORE_PW,
                "-Djavax.net.ssl.keyStoreType=PKCS12"));
        if (clientTrust != null) {
            options.addAll(List.of("-Djavax.net.ssl.trustStore=" + clientTrust,
                    "-Djavax.net.ssl.trustStorePassword=" + STORE_PW, "-Djavax.net.ssl.trustStoreType=PKCS12"));
        }
        ChildJvm jvm = ChildJvm.builder(io.leakwatch.attach.targets.CommandTarget.class)
                .jvmOptions(options.toArray(String[]::new)).start();
        jvms.add(jvm);
        return jvm;
    }

    /** A PKCS12 keystore with a fresh self-signed key for localhost / 127.0.0.1, made by keytool. */
    private static Path keyPair(String name) throws Exception {
        Path home = Files.createDirectories(dir.resolve(name));
        return TestKeystores.pkcs12(home, STORE_PW);
    }

    /** Like {@link #keyPair} but with the given {@code -ext} (say, a SAN for another host). */
    private static Path keytool(String name, String extension) throws Exception {
        Path store = Files.createDirectories(dir.resolve(name)).resolve("keys.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", name, "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=" + name, "-ext", extension, "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", STORE_PW, "-keypass", STORE_PW)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as("keytool: " + out).isTrue();
        return store;
    }

    /** A PKCS12 truststore holding the certificate of {@code keystore}. */
    private static Path truststore(String name, Path keystore) throws Exception {
        KeyStore keys = KeyStore.getInstance(keystore.toFile(), STORE_PW.toCharArray());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        String alias = keys.aliases().nextElement();
        trust.setCertificateEntry(alias, keys.getCertificate(alias));
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            trust.store(out, STORE_PW.toCharArray());
        }
        return file;
    }

    private static Path secretFile(String name, String value) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, value + "\n");
        return file;
    }

    private static String url(int port) {
        return "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
