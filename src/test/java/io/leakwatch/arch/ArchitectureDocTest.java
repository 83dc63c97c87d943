package io.leakwatch.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps src/ARCHITECTURE.md in step with the packages: each one is described there. */
class ArchitectureDocTest {

    private static final Path SOURCES = Path.of("src/main/java/io/leakwatch");
    private static final Path DOC = Path.of("src/ARCHITECTURE.md");

    @Test
    void everyPackageHasItsParagraph() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        List<String> packages = packages();
        assertThat(packages).as("packages under " + SOURCES).isNotEmpty();
        // A paragraph per package starts with "- `name`:", so a mention in passing is not enough.
        assertThat(packages)
                .as("packages without a \"- `name`:\" paragraph in " + DOC)
                .allSatisfy(name -> assertThat(doc).contains("- `" + name + "`:"));
    }

    @Test
    void everyDescribedPackageExists() throws IOException {
        List<String> described = Files.readAllLines(DOC, StandardCharsets.UTF_8).stream()
                .filter(line -> line.matches("- `[a-z]+`:.*"))
                .map(line -> line.substring(3, line.indexOf('`', 3)))
                .toList();
        assertThat(packages()).as("packages described in " + DOC).containsAll(described);
    }

    private static List<String> packages() throws IOException {
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            return dirs.filter(Files::isDirectory)
                    .filter(dir -> !dir.equals(SOURCES))
                    .map(dir -> SOURCES.relativize(dir).toString().replace('/', '.'))
                    .sorted()
                    .toList();
        }
    }
}
