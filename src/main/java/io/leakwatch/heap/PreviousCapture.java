package io.leakwatch.heap;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.files.Json;
import io.leakwatch.report.PathTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The stored path tree of the previous capture of the same target, so a capture's analysis can
 * say what grew since (the dump itself is usually deleted after its analysis). Capture directories
 * are named {@code <target>-<yyyyMMdd-HHmmss...>-<pid>} under one root ({@code CaptureService});
 * a sibling is of the same target when its {@code capture.json} names a target whose directory
 * prefix this one's name starts with. The newest such sibling with a report.json carrying a
 * {@code pathTree} wins.
 *
 * @param id   the earlier capture's directory name
 * @param tree its stored path tree
 */
record PreviousCapture(String id, PathTree tree) {

    static Optional<PreviousCapture> of(Path reportDirectory) {
        Path root = reportDirectory.toAbsolutePath().getParent();
        String own = reportDirectory.getFileName().toString();
        if (root == null) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> !d.getFileName().toString().equals(own) && Files.isDirectory(d))
                    .filter(d -> sameTarget(d, own))
                    // names sort by time within one target
                    .sorted(Comparator.comparing((Path d) -> d.getFileName().toString()).reversed())
                    .map(PreviousCapture::read)
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean sameTarget(Path dir, String own) {
        try {
            JsonNode record = Json.MAPPER.readTree(dir.resolve("capture.json").toFile());
            String target = record.path("target").asText("");
            String prefix = target.replaceAll("[^A-Za-z0-9._-]", "_") + "-";
            return !target.isEmpty() && own.startsWith(prefix) && dir.getFileName().toString().startsWith(prefix)
                    && own.substring(prefix.length()).matches("\\d{8}.*");
        } catch (IOException e) {
            return false;
        }
    }

    private static Optional<PreviousCapture> read(Path dir) {
        Path report = dir.resolve("report.json");
        if (!Files.isRegularFile(report)) {
            return Optional.empty();
        }
        try {
            PathTree tree = PathTree.fromJson(Json.MAPPER.readTree(report.toFile()));
            return tree == null ? Optional.empty() : Optional.of(new PreviousCapture(dir.getFileName().toString(), tree));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
