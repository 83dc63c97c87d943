package io.leakwatch.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {

    @TempDir
    Path dir;

    @Test
    void replaceWritesAPrivateFileAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        PrivateFiles.replace(file, out -> out.write("new".getBytes(StandardCharsets.UTF_8)));

        assertThat(file).hasContent("new");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PrivateFiles.FILE);
        assertThat(dir.resolve("state.json" + PrivateFiles.PARTIAL)).doesNotExist();
    }

    @Test
    void aWriterThatClosesTheStreamStillGetsItsBytesForced() throws IOException {
        Path file = dir.resolve("entry.json");

        PrivateFiles.replace(file, out -> Json.MAPPER.writeValue(out, Map.of("at", Instant.parse("2026-01-31T23:59:59Z"))));

        assertThat(file).hasContent("{\"at\":\"2026-01-31T23:59:59Z\"}");
    }

    @Test
    void aFailedWriteKeepsTheOldFileAndDeletesTheTemporary() throws IOException {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "old");
        Files.writeString(dir.resolve("state.json.tmp"), "stale");

        assertThatThrownBy(() -> PrivateFiles.replace(file, ".tmp", out -> {
            out.write("half".getBytes(StandardCharsets.UTF_8));
            throw new IOException("No space left on device");
        })).hasMessage("No space left on device");

        assertThat(file).hasContent("old");
        assertThat(dir.resolve("state.json.tmp")).doesNotExist();
    }

    @Test
    void forceFileKeepsWhatAnotherProcessWroteAndNeedsTheFile() throws IOException {
        Path dump = dir.resolve("heap.partial.hprof");
        Files.writeString(dump, "JAVA PROFILE 1.0.2");
        PrivateFiles.forceFile(dump);
        assertThat(Files.readString(dump)).isEqualTo("JAVA PROFILE 1.0.2");
        assertThatThrownBy(() -> PrivateFiles.forceFile(dir.resolve("gone.hprof"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void writeNewRefusesAnExistingFile() throws IOException {
        Path file = Files.writeString(dir.resolve("result.json"), "x");

        assertThatThrownBy(() -> PrivateFiles.writeNew(file, out -> out.write(1)))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
    }

    @Test
    void appendedFilesAndCreatedDirectoriesArePrivate() throws IOException {
        Path sub = dir.resolve("a/history");
        PrivateFiles.createPrivateDirectory(sub);
        PrivateFiles.createPrivateDirectory(sub);
        Path file = sub.resolve("t.lwh");
        try (FileChannel ch = PrivateFiles.openForAppend(file)) {
            ch.write(ByteBuffer.wrap(new byte[] {1, 2}));
            PrivateFiles.force(ch);
        }
        try (FileChannel ch = PrivateFiles.openForAppend(file)) {
            ch.write(ByteBuffer.wrap(new byte[] {3}));
        }

        assertThat(Files.getPosixFilePermissions(sub)).isEqualTo(PrivateFiles.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PrivateFiles.FILE);
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void stampsSortAsTimeInUtc() {
        assertThat(FileStamps.format(Instant.parse("2026-01-31T23:59:59.900Z"))).isEqualTo("20260131T235959Z");
    }
}
