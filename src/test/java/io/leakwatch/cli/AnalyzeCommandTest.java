package io.leakwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AnalyzeCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = new CommandLine(new AnalyzeCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private Path dump() throws IOException {
        HprofWriter w = new HprofWriter(8);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long session = w.defineClass("com.example.Session", 0, new HprofWriter.Field("user", HprofTag.TYPE_OBJECT));
        long registry = w.defineClass("com.example.Registry", 0);
        long[] s = new long[5];
        for (int i = 0; i < s.length; i++) {
            s[i] = w.instance(session, Map.of("user", w.string0("user" + i)));
        }
        w.staticRef(registry, "SESSIONS", w.objectArray(objArray, s)).root(GcRootKind.STICKY_CLASS, registry);
        Path file = dir.resolve("d.hprof");
        Files.write(file, w.toBytes());
        return file;
    }

    @Test
    void textReportOnStdout() throws IOException {
        assertThat(run(dump().toString(), "--type", "com.example.Session")).isZero();
        assertThat(out.toString()).contains("held by static field com.example.Registry.SESSIONS")
                .contains("fans out to 5 objects");
    }

    @Test
    void jsonAndHtmlToFiles() throws IOException {
        Path dump = dump();
        Path json = dir.resolve("r.json");
        Path html = dir.resolve("r.html");
        assertThat(run(dump.toString(), "--type", "java.lang.String", "--format", "json", "--out", json.toString())).isZero();
        assertThat(Files.readString(json)).contains("\"schema\" : \"leakwatch.analysis/1\"").contains("<redacted>")
                .doesNotContain("user3");
        assertThat(run(dump.toString(), "--type", "java.lang.String", "--format", "html", "--show-values",
                "--out", html.toString())).isZero();
        assertThat(Files.readString(html)).contains("user0");
    }

    @Test
    void gzipDumpsAreInflatedPrivately() throws IOException {
        Path plain = dump();
        Path gz = dir.resolve("d.hprof.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(plain));
        }
        assertThat(run(gz.toString(), "--type", "com.example.Session")).isZero();
        assertThat(out.toString()).contains("com.example.Registry.SESSIONS");
    }

    @Test
    void badInputExitsOneWithOffsetAndTag() throws IOException {
        Path dump = dump();
        byte[] bytes = Files.readAllBytes(dump);
        Path cut = dir.resolve("cut.hprof");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length - 20));
        assertThat(run(cut.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("byte offset").contains("record tag").contains("truncated");
        Path missing = dir.resolve("missing.hprof");
        assertThat(run(missing.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no such dump file");
    }

    @Test
    void typeDescriptorsAndSourceNamesGiveTheSameReport() throws IOException {
        Path dump = dump();
        assertThat(run(dump.toString(), "--type", "[B", "--format", "json")).isZero();
        String descriptor = out.toString();
        out.getBuffer().setLength(0);
        assertThat(run(dump.toString(), "--type", "byte[]", "--format", "json")).isZero();
        assertThat(out.toString()).isEqualTo(descriptor).contains("\"name\" : \"byte[]\"")
                .contains("\"instancesInDump\" : 5");
    }

    @Test
    void anUnknownTypeExitsOneWithTheClosestNames() throws IOException {
        assertThat(run(dump().toString(), "--type", "com.example.Sesion")).isEqualTo(1);
        assertThat(err.toString()).contains("no type com.example.Sesion in").contains("closest: com.example.Session");
        assertThat(run(dump().toString(), "--type", "no.such.Type")).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void withoutATypeTheReportLeadsWithTheLeakSuspects() throws IOException {
        assertThat(run(dump().toString())).isZero();
        assertThat(out.toString()).contains("== Leak suspects")
                .contains("-- suspect 1: java.lang.Object[] held by Registry.SESSIONS")
                .contains("<-- culprit");
    }

    @Test
    void progressGoesToStandardErrorWhenAsked() throws IOException {
        assertThat(run(dump().toString(), "--type", "com.example.Session", "--progress")).isZero();
        assertThat(err.toString()).contains("shortest paths").doesNotContain("\033[");
        assertThat(out.toString()).doesNotContain("shortest paths");
    }

    @Test
    void usageErrorsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("x.hprof", "--format", "pdf")).isEqualTo(2);
    }

    @Test
    void tempFilesAreOwnerOnly() throws IOException {
        Path t = io.leakwatch.heap.DumpAnalyzerAccess.inflate(dumpGz(), dir);
        assertThat(Files.getPosixFilePermissions(t)).containsExactlyInAnyOrder(
                PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    private Path dumpGz() throws IOException {
        Path gz = dir.resolve("x.hprof.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(Files.readAllBytes(dump()));
        }
        return gz;
    }
}
