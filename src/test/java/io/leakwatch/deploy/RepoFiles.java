package io.leakwatch.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates shipped files (deploy/, grafana/) from the repository root Maven runs tests in. */
final class RepoFiles {

    private RepoFiles() {
    }

    /** The repository root: the nearest directory upwards that holds pom.xml and deploy/. */
    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("deploy"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository root (pom.xml + deploy/) above " + dir);
    }

    /** Regular files under {@code dir} (relative to the root) whose names end with one of {@code suffixes}, sorted. */
    static List<Path> under(String dir, String... suffixes) {
        try (Stream<Path> files = Files.walk(root().resolve(dir))) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(s -> f.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
