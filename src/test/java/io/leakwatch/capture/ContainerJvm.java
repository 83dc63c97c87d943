package io.leakwatch.capture;

import io.leakwatch.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Test helper: a launcher script that starts the child JVM in its own mount and pid namespaces with
 * a private tmpfs on /tmp, as a container would. Needs root and unshare(1); {@link #available()}
 * says whether this machine allows it. The JDK attaches through /proc/&lt;pid&gt;/root only when
 * the target's pid differs inside its namespace, hence the pid namespace too.
 */
final class ContainerJvm {

    private ContainerJvm() {
    }

    /**
     * Writes the launcher into {@code dir}; use it with {@link ChildJvm.Builder#java(Path)}. Class
     * path entries under /tmp (a checkout cloned there) would vanish under the private tmpfs, so
     * the launcher binds each of them back at its own path, as an image would ship them.
     */
    static Path launcher(Path dir) throws IOException {
        Path script = dir.resolve("java-in-mount-namespace.sh");
        Files.writeString(script, """
                #!/bin/sh
                exec unshare --mount --pid --fork --kill-child --propagation private sh -c '
                old=/run/leakwatch-test-host-tmp
                mkdir -p "$old" && mount --bind /tmp "$old" || exit 1
                mount -t tmpfs -o size=128m leakwatch-test /tmp || exit 1
                prev=""; cp=""
                for a in "$@"; do [ "$prev" = "-cp" ] && cp="$a"; prev="$a"; done
                IFS=:
                for e in $cp; do
                  case "$e" in
                    /tmp/*)
                      src="$old${e#/tmp}"
                      if [ -d "$src" ]; then mkdir -p "$e"; elif [ -e "$src" ]; then mkdir -p "${e%/*}"; : > "$e"; else continue; fi
                      mount --bind "$src" "$e" || exit 1;;
                  esac
                done
                unset IFS
                umount "$old"
                exec "$@"' sh JAVA_LAUNCHER "$@"
                """.replace("JAVA_LAUNCHER", ChildJvm.currentJava().toString()));
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /** The host pid of the JVM the launcher started (the child of unshare, not unshare itself). */
    static long javaPid(ChildJvm launched) {
        return ProcessHandle.of(launched.pid()).orElseThrow().children().findFirst()
                .orElseThrow(() -> new IllegalStateException("unshare " + launched.pid() + " has no child"))
                .pid();
    }

    /** True when a private mount namespace with a tmpfs can be made here. */
    static boolean available() {
        try {
            Process p = new ProcessBuilder("unshare", "--mount", "--pid", "--fork", "--propagation", "private", "sh", "-c",
                    "mount -t tmpfs -o size=1m leakwatch-probe /tmp").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
