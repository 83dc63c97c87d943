package io.leakwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.capture.ReportFiles.Resolution;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportFilesTest {

    @TempDir
    Path temp;

    private Path root;
    private ReportFiles files;

    @BeforeEach
    void layOut() throws Exception {
        root = Files.createDirectory(temp.resolve("captures"));
        Path capture = Files.createDirectory(root.resolve("orders-20261125T100000Z-42"));
        Files.writeString(capture.resolve("report.html"), "<html>");
        Files.writeString(capture.resolve("report.json"), "{}");
        Files.writeString(capture.resolve("heap.hprof"), "JAVA PROFILE 1.0.2");
        Files.writeString(capture.resolve(".hidden.txt"), "x");
        Files.writeString(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(capture.resolve("escape.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("outside"), temp);
        Files.createSymbolicLink(capture.resolve("inside.txt"), capture.resolve("report.json"));
        files = new ReportFiles(root);
    }

    @Test
    void servesAReportInsideTheRoot() throws Exception {
        Resolution r = files.resolve("orders-20261125T100000Z-42/report.html");

        assertThat(r).isInstanceOfSatisfying(Resolution.Found.class, found -> {
            assertThat(found.file()).isEqualTo(root.resolve("orders-20261125T100000Z-42/report.html").toAbsolutePath());
            assertThat(found.contentType()).isEqualTo("text/html; charset=utf-8");
        });
    }

    @Test
    void decodesOrdinaryPercentEncoding() {
        assertThat(files.resolve("orders-20261125T100000Z-42%2Freport.json")).isInstanceOf(Resolution.Found.class);
    }

    @Test
    void followsASymlinkThatStaysInside() {
        assertThat(files.resolve("orders-20261125T100000Z-42/inside.txt")).isInstanceOf(Resolution.Found.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "../secret.txt", "orders-20261125T100000Z-42/../../secret.txt", "/etc/passwd", "//etc/passwd",
        "%2e%2e/secret.txt", "%2E%2E%2Fsecret.txt", "%252e%252e/secret.txt", "..%2fsecret.txt",
        "orders-20261125T100000Z-42/./report.html", "orders-20261125T100000Z-42//report.html",
        "orders-20261125T100000Z-42\\..\\..\\secret.txt", "orders-20261125T100000Z-42/report.html%00.txt",
        "orders-20261125T100000Z-42/%zz", "outside/secret.txt", "orders-20261125T100000Z-42/escape.txt",
        "orders-20261125T100000Z-42/heap.hprof", "orders-20261125T100000Z-42/.hidden.txt",
        "orders-20261125T100000Z-42", "orders-20261125T100000Z-42/missing.html", ""
    })
    void rejects(String path) {
        assertThat(files.resolve(path)).as(path).isInstanceOfSatisfying(Resolution.Rejected.class,
                rejected -> assertThat(rejected.status()).isIn(400, 404));
    }
}
