package io.leakwatch.pipeline;

import io.leakwatch.analysis.alloc.AllocationSites;
import io.leakwatch.files.PrivateFiles;
import io.leakwatch.report.AllocationSitesSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the allocation-sites section to a capture's finished reports ({@code .txt}, {@code .json},
 * {@code .html}), each replaced as a whole through {@link PrivateFiles} (0600, never seen half
 * written by the report endpoint). A report that cannot be rewritten stays as it was (logged): the
 * alert carries the sites anyway.
 */
final class AllocationReports {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationReports.class);

    private AllocationReports() {
    }

    static void addTo(List<Path> reports, AllocationSites sites) {
        for (Path report : reports) {
            String name = report.getFileName().toString();
            try {
                String text = Files.readString(report, StandardCharsets.UTF_8);
                String with = name.endsWith(".json") ? AllocationSitesSection.addToJson(text, sites)
                        : name.endsWith(".html") ? AllocationSitesSection.addToHtml(text, sites)
                        : name.endsWith(".txt") ? AllocationSitesSection.addToText(text, sites) : null;
                if (with != null) {
                    byte[] bytes = with.getBytes(StandardCharsets.UTF_8);
                    PrivateFiles.replace(report, out -> out.write(bytes));
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot add the allocation sites to {}: {}", report, e.toString());
            }
        }
    }
}
