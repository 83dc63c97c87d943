package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data directory: created 0700, refused when other users can write to it. */
class DataDirectoryTest {

    @TempDir
    Path temp;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void missingDirectoriesAreCreatedPrivate() throws IOException {
        Path data = temp.resolve("a/b/data");
        DataDirectory.prepare(data, List.of(data.resolve("captures")));
        for (Path p : new Path[] {temp.resolve("a"), temp.resolve("a/b"), data, data.resolve("history"), data.resolve("alerts"), data.resolve("captures")}) {
            assertThat(mode(p)).as(p.toString()).isEqualTo("rwx------");
        }
        DataDirectory.prepare(data, List.of(data.resolve("captures")));
    }

    @Test
    void aDirectoryOthersCanWriteIsRefusedWithPathAndFix() throws IOException {
        Path data = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> DataDirectory.prepare(data, List.of(data.resolve("captures"))))
                .hasMessageContaining("data directory " + data.toRealPath())
                .hasMessageContaining("can be written by other users (mode rwxrwxrwx)")
                .hasMessageContaining("chmod 700 " + data.toRealPath());
        assertThat(Files.exists(data.resolve("history"))).as("nothing written into a refused directory").isFalse();

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> DataDirectory.prepare(data, List.of(data.resolve("captures")))).hasMessageContaining("mode rwxrwx---");

        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-x---"));
        DataDirectory.prepare(data, List.of(data.resolve("captures")));
    }

    @Test
    void aGroupWritableSubdirectoryIsRefusedToo() throws IOException {
        Path data = temp.resolve("data");
        DataDirectory.prepare(data, List.of(data.resolve("captures")));
        Files.setPosixFilePermissions(data.resolve("captures"), PosixFilePermissions.fromString("rwxrwx---"));
        assertThatThrownBy(() -> DataDirectory.prepare(data, List.of(data.resolve("captures")))).hasMessageContaining(data.resolve("captures").toString());
    }

    @Test
    void aCaptureDirectoryOutsideTheDataDirectoryIsMadePrivateAndChecked() throws IOException {
        Path data = temp.resolve("data");
        Path captures = temp.resolve("elsewhere/captures");
        DataDirectory.prepare(data, List.of(captures));
        assertThat(mode(captures)).isEqualTo("rwx------");
        Files.setPosixFilePermissions(captures, PosixFilePermissions.fromString("rwx-w--w-"));
        assertThatThrownBy(() -> DataDirectory.prepare(data, List.of(captures))).hasMessageContaining(captures.toString())
                .hasMessageContaining("chmod 700");
    }

    @Test
    void aLinkToAPrivateDirectoryIsFollowedAndTheTargetChecked() throws IOException {
        Path real = temp.resolve("real");
        DataDirectory.prepare(real, List.of());
        Path link = Files.createSymbolicLink(temp.resolve("link"), real);
        DataDirectory.prepare(link, List.of());
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> DataDirectory.prepare(link, List.of())).hasMessageContaining(real.toRealPath().toString());
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        assumeThat(System.getProperty("user.name")).as("chown needs root").isEqualTo("root");
        Path data = temp.resolve("data");
        DataDirectory.prepare(data, List.of(data.resolve("captures")));
        UserPrincipal nobody = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(data, nobody);
        assertThatThrownBy(() -> DataDirectory.prepare(data, List.of(data.resolve("captures")))).hasMessageContaining("not to the daemon's uid")
                .hasMessageContaining("chown");
    }

    @Test
    void runRefusesToStartOnAWorldWritableDataDirectory() throws IOException {
        Path data = Files.createDirectory(temp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path config = Files.writeString(temp.resolve("lw.yml"), "dataDir: " + data + "\nhttp: {port: 0}\n"
                + "targets:\n  - {name: a, pid: 1, interval: 60s}\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "run", "--config", config.toString());
        assertThat(code).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("data directory " + data.toRealPath()).contains("chmod 700");
        assertThat(out.toString()).doesNotContain("watching");
    }
}
