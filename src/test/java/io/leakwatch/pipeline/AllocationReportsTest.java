package io.leakwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.leakwatch.analysis.alloc.AllocationSite;
import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.analysis.alloc.StackFrame;
import io.leakwatch.files.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllocationReportsTest {

    @TempDir
    Path dir;

    @Test
    void reportsAreReplacedWholeWithTheSectionAndStayPrivate() throws Exception {
        Path text = dir.resolve("report.txt");
        Path json = dir.resolve("report.json");
        Path other = dir.resolve("heap.hprof");
        Files.writeString(text, "report\n");
        Files.writeString(json, "{\"schema\":\"leakwatch.analysis/1\"}");
        Files.writeString(other, "not a report");
        Files.setPosixFilePermissions(text, PosixFilePermissions.fromString("rw-r--r--"));
        AllocationSites sites = new AllocationSites(List.of(new AllocationSite("byte[]",
                List.of(new StackFrame("com.example.Cache", "put", 40)), 3, 1_000)), 3, 5);

        AllocationReports.addTo(List.of(text, json, other, dir.resolve("gone.txt")), sites);

        assertThat(Files.readString(text)).startsWith("report\n").contains("com.example.Cache.put:40");
        assertThat(Files.readString(json)).contains("\"allocationSites\"", "\"schema\" : \"leakwatch.analysis/1\"");
        assertThat(Files.readString(other)).isEqualTo("not a report");
        assertThat(Files.getPosixFilePermissions(text)).isEqualTo(PrivateFiles.FILE);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .containsExactlyInAnyOrder("report.txt", "report.json", "heap.hprof");
        }
    }
}
