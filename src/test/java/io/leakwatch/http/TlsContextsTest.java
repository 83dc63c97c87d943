package io.leakwatch.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.http.HttpSettings.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PEM key files as OpenSSL writes them (PKCS#1 RSA, SEC1 EC, encrypted PKCS#8): each makes a
 * server context that completes a real TLS handshake with its certificate.
 */
class TlsContextsTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(onPath("openssl"), "openssl makes the keys of this test");
    }

    @Test
    void aPkcs1RsaKeyServesItsCertificate() throws Exception {
        Path key = openssl("rsa.key", "genrsa", "-traditional", "2048");
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        Path pem = keyAndCertificate(key, "rsa.pem");

        assertThat(served(TlsContexts.serverContext(new Tls(pem, "")))).isEqualTo(certificate(pem));
    }

    @Test
    void anEcKeyWithItsParametersServesItsCertificate() throws Exception {
        Path key = openssl("ec.key", "ecparam", "-name", "prime256v1", "-genkey");
        assertThat(Files.readString(key)).contains("-----BEGIN EC PARAMETERS-----", "-----BEGIN EC PRIVATE KEY-----");
        Path pem = keyAndCertificate(key, "ec.pem");

        assertThat(served(TlsContexts.serverContext(new Tls(pem, "")))).isEqualTo(certificate(pem));
    }

    @Test
    void anEncryptedPkcs8KeyOpensWithTheConfiguredPassword() throws Exception {
        Path key = openssl("plain.key", "genrsa", "2048");
        Path encrypted = dir.resolve("enc.key");
        run("openssl", "pkcs8", "-topk8", "-in", key.toString(), "-out", encrypted.toString(), "-passout", "pass:s3cret-pw");
        assertThat(Files.readString(encrypted)).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        Path pem = dir.resolve("enc.pem");
        Files.writeString(pem, Files.readString(encrypted) + Files.readString(keyAndCertificate(key, "cert-only.pem"))
                .replaceAll("(?s)-----BEGIN PRIVATE KEY-----.*?-----END PRIVATE KEY-----\\n", ""));

        assertThat(served(TlsContexts.serverContext(new Tls(pem, "s3cret-pw")))).isEqualTo(certificate(pem));
        assertThatThrownBy(() -> TlsContexts.serverContext(new Tls(pem, "wrong-pw-123")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("http.tls.keystore " + pem).hasMessageContaining("http.tls.password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pw-123", "s3cret-pw"));
    }

    @Test
    void aKeyWithoutACertificateNamesWhatIsMissing() throws Exception {
        Path key = openssl("lonely.key", "genrsa", "-traditional", "2048");

        assertThatThrownBy(() -> TlsContexts.serverContext(new Tls(key, "")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("http.tls.keystore " + key).hasMessageContaining("'CERTIFICATE'");
    }

    /** Runs {@code openssl COMMAND -out FILE ARGS} (genrsa wants its key size last) and returns FILE. */
    private Path openssl(String file, String command0, String... args) throws Exception {
        Path out = dir.resolve(file);
        List<String> command = new ArrayList<>(List.of("openssl", command0, "-out", out.toString()));
        command.addAll(List.of(args));
        run(command.toArray(String[]::new));
        return out;
    }

    /** The key, then a self-signed certificate for it, in one file. */
    private Path keyAndCertificate(Path key, String file) throws Exception {
        Path cert = dir.resolve(file + ".crt");
        run("openssl", "req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=localhost", "-days", "2",
                "-out", cert.toString());
        return Files.writeString(dir.resolve(file), Files.readString(key) + Files.readString(cert));
    }

    private static X509Certificate certificate(Path pem) throws Exception {
        String text = Files.readString(pem);
        String block = text.substring(text.indexOf("-----BEGIN CERTIFICATE-----"));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)));
    }

    /** The certificate a client sees in a real handshake with {@code server}. */
    private X509Certificate served(SSLContext server) throws Exception {
        try (SSLServerSocket socket = (SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> accepted = CompletableFuture.runAsync(() -> {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.startHandshake();
                    s.getOutputStream().write(1);
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) trustingAll().getSocketFactory()
                    .createSocket(InetAddress.getLoopbackAddress(), socket.getLocalPort())) {
                client.startHandshake();
                assertThat(client.getInputStream().read()).isEqualTo(1);
                accepted.get(30, TimeUnit.SECONDS);
                return (X509Certificate) client.getSession().getPeerCertificates()[0];
            }
        }
    }

    /** A client that accepts any certificate: the test compares the served one itself. */
    private static SSLContext trustingAll() throws Exception {
        javax.net.ssl.X509TrustManager any = new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {any}, null);
        return context;
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }
}
