package io.leakwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.leakwatch.capture.TargetFilesystem.TargetView;
import io.leakwatch.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Path translation read from the real /proc of real child JVMs. */
class TargetFilesystemIT {

    @TempDir
    Path temp;

    @Test
    void aTargetInTheDaemonsNamespaceSeesTheSamePaths() throws Exception {
        try (ChildJvm target = ChildJvm.start(HeapHoldingMain.class, "1")) {
            TargetView view = new TargetFilesystem().view(target.pid());

            assertThat(view.sameMountNamespace()).isTrue();
            assertThat(view.sameUser()).isTrue();
            assertThat(view.writesDirectly()).isTrue();
            assertThat(view.daemonPath("/tmp/x.hprof")).isEqualTo(Path.of("/tmp/x.hprof"));
        }
    }

    @Test
    void aTargetInItsOwnMountNamespaceIsReachedThroughProcRoot() throws Exception {
        assumeTrue(ContainerJvm.available(), "unshare --mount with a tmpfs is not allowed here (needs root)");
        try (ChildJvm launched = ChildJvm.builder(HeapHoldingMain.class).java(ContainerJvm.launcher(temp))
                .args("1").start()) {
            long pid = ContainerJvm.javaPid(launched);
            TargetView view = new TargetFilesystem().view(pid);

            assertThat(view.sameMountNamespace()).isFalse();
            assertThat(view.writesDirectly()).isFalse();
            Path translated = view.daemonPath("/tmp/probe-" + pid);
            assertThat(translated).isEqualTo(Path.of("/proc/" + pid + "/root/tmp/probe-" + pid));
            Files.writeString(translated, "inside");
            // The file exists in the target's private /tmp only, not in the daemon's.
            assertThat(Path.of("/tmp/probe-" + pid)).doesNotExist();
            assertThat(Files.readString(translated)).isEqualTo("inside");
        }
    }

    @Test
    void aMissingProcessIsNoSuchFile() {
        assertThatThrownBy(() -> new TargetFilesystem().view(Integer.MAX_VALUE))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void relativeTargetPathsAreRejected() throws Exception {
        TargetView view = new TargetFilesystem().view(ProcessHandle.current().pid());
        assertThatThrownBy(() -> view.daemonPath("tmp/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
