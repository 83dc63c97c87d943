package io.leakwatch.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.leakwatch.model.JmxTls;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.FailureKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resolving selectors against this machine's real processes (the test JVM itself is one). */
class JvmLocatorTest {

    private final JvmLocator locator = new JvmLocator();
    private final long self = ProcessHandle.current().pid();

    @Test
    void aLivePidIsALocalAddress() throws Exception {
        assertThat(locator.locate(new TargetSelector.Pid(self))).containsExactly(new JvmAddress.Local(self));
    }

    @Test
    void aPidWithoutProcessIsNotFound() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        assertNotFound(new TargetSelector.Pid(exited.pid()), "no process with pid " + exited.pid());
    }

    @Test
    void aPidFileIsReadEachTime(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.pid");
        TargetSelector selector = new TargetSelector.PidFile(file);
        assertNotFound(selector, "cannot read pid file " + file);

        Files.writeString(file, "  " + self + "\n");
        assertThat(locator.locate(selector)).containsExactly(new JvmAddress.Local(self));

        Files.writeString(file, "");
        assertNotFound(selector, "holds '', not a positive process id");
        Files.writeString(file, "-5");
        assertNotFound(selector, "holds '-5'");
        Files.writeString(file, "9".repeat(5000));
        assertNotFound(selector, "holds '" + "9".repeat(64) + "'");
    }

    @Test
    void aMainClassPatternNeverSelectsTheDaemonItself() throws Exception {
        String ownName = VirtualMachine.list().stream().filter(d -> d.id().equals(Long.toString(self)))
                .map(VirtualMachineDescriptor::displayName).findFirst().orElseThrow();
        assertThat(ownName).isNotBlank();
        assertNotFound(new TargetSelector.MainClass(Pattern.compile("^" + Pattern.quote(ownName) + "$")),
                "no local JVM's main class matches");
    }

    @Test
    void aJmxUrlIsARemoteAddressWithItsCredentials() throws Exception {
        String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9999/jmxrmi";
        assertThat(locator.locate(new TargetSelector.JmxUrl(url, "u", "p")))
                .containsExactly(new JvmAddress.Remote(url, "u", "p", null));
        assertThat(new JvmAddress.Remote(url, "u", "p", null).toString()).doesNotContain("p]").contains("user u");
    }

    @Test
    void aJmxUrlKeepsItsTlsSettingsAndHidesTheirPasswords() throws Exception {
        String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9999/jmxrmi";
        JmxTls tls = new JmxTls(Path.of("trust.p12"), "trust-secret", Path.of("client.p12"), "key-secret", true);
        TargetSelector.JmxUrl selector = new TargetSelector.JmxUrl(url, "u", "p", tls);
        assertThat(locator.locate(selector)).containsExactly(new JvmAddress.Remote(url, "u", "p", tls));
        assertThat(selector.toString()).contains("trust.p12").contains("registrySsl=true")
                .doesNotContain("trust-secret").doesNotContain("key-secret");
    }

    private void assertNotFound(TargetSelector selector, String message) {
        assertThatThrownBy(() -> locator.locate(selector))
                .isInstanceOf(JvmCallException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((JvmCallException) e).kind()).isEqualTo(FailureKind.NOT_FOUND));
    }
}
