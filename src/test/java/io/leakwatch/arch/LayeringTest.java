package io.leakwatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the pure core free of adapters' libraries, and names every allowed dependency between
 * LeakWatch's packages: an edge not listed in {@link #ALLOWED} fails, and so does a listed edge that
 * no longer exists, so the list stays the true map of the code (src/ARCHITECTURE.md explains it).
 */
class LayeringTest {

    private static final String ROOT = "io.leakwatch";

    private static final String[] CORE = {
        "io.leakwatch.model..", "io.leakwatch.trend..", "io.leakwatch.hprof..",
        "io.leakwatch.graph..", "io.leakwatch.analysis.."
    };

    private static final String[] ADAPTER_LIBRARIES = {
        "org.quartz..", "io.micrometer..", "io.prometheus..", "ch.qos.logback..", "org.slf4j..",
        "com.sun.tools.attach..", "javax.management..", "com.fasterxml.jackson..", "picocli.."
    };

    /** Package → the packages it may use (besides itself), short names under io.leakwatch. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            // pure core
            Map.entry("model", Set.of()),
            Map.entry("trend", Set.of("model")),
            Map.entry("hprof", Set.of()),
            Map.entry("graph", Set.of("hprof")),
            Map.entry("analysis", Set.of("graph", "hprof")),
            // services
            Map.entry("sample", Set.of("model")),
            Map.entry("capture", Set.of("files", "model")),
            Map.entry("alert", Set.of("files", "retry")),
            Map.entry("retry", Set.of()),
            Map.entry("report", Set.of("analysis", "files", "graph", "model")),
            Map.entry("pipeline", Set.of("alert", "analysis", "capture", "files", "graph", "history", "model", "report",
                    "sample", "trend")),
            // adapters
            Map.entry("attach", Set.of("agent", "capture", "model", "retry", "sample")),
            Map.entry("config", Set.of("agent", "alert", "attach", "capture", "export", "http", "model", "pipeline",
                    "sample", "schedule", "trend")),
            Map.entry("demo", Set.of("alert", "graph", "markers", "model", "sample")),
            Map.entry("export", Set.of("alert", "capture", "graph", "model", "pipeline", "sample", "trend")),
            Map.entry("heap", Set.of("analysis", "capture", "files", "graph", "hprof", "model", "report")),
            Map.entry("jfr", Set.of("analysis")),
            Map.entry("history", Set.of("files", "model", "trend")),
            Map.entry("http", Set.of("capture")),
            Map.entry("schedule", Set.of("model", "sample")),
            Map.entry("files", Set.of()),
            // composition root
            Map.entry("cli", Set.of("alert", "analysis", "attach", "capture", "config", "demo", "export",
                    "files", "graph", "heap", "history", "hprof", "http", "jfr", "model", "pipeline", "report", "sample", "schedule",
                    "trend")),
            // the separate jars (src/agent, src/markers), compiled into the same classes
            Map.entry("agent", Set.of("markers")),
            Map.entry("markers", Set.of()));

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void everyPackageEdgeIsListed() {
        Map<String, Set<String>> actual = edges();
        assertThat(render(actual))
                .as("package edges (a new one is named in ALLOWED and src/ARCHITECTURE.md; a gone one is removed)")
                .isEqualTo(render(new TreeMap<>(ALLOWED)));
    }

    @Test
    void coreUsesNoAdapterLibrary() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTER_LIBRARIES)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void coreDependsOnNoOuterLayer() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.leakwatch.cli..", "io.leakwatch.config..", "io.leakwatch.attach..",
                        "io.leakwatch.schedule..", "io.leakwatch.export..", "io.leakwatch.alert..",
                        "io.leakwatch.capture..", "io.leakwatch.http..", "io.leakwatch.sample..",
                        "io.leakwatch.pipeline..", "io.leakwatch.files..")
                .allowEmptyShould(true)
                .check(classes);
    }

    /** Micrometer's shape: one binder per concern, bound to a registry the composition root hands in. */
    @Test
    void everyMetricsClassIsAMeterBinder() {
        classes().that().resideInAPackage("io.leakwatch.export").and().haveSimpleNameEndingWith("Metrics")
                .should().implement(io.micrometer.core.instrument.binder.MeterBinder.class)
                .check(classes);
    }

    @Test
    void servicesDoNotReachIntoTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("io.leakwatch.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.leakwatch.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    private Map<String, Set<String>> edges() {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (JavaClass origin : classes) {
            String from = shortName(origin);
            if (from == null) {
                continue;
            }
            Set<String> targets = edges.computeIfAbsent(from, key -> new TreeSet<>());
            for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                String to = shortName(dependency.getTargetClass());
                if (to != null && !to.equals(from)) {
                    targets.add(to);
                }
            }
        }
        return edges;
    }

    /** The first package segment under io.leakwatch, or null for classes outside it. */
    private static String shortName(JavaClass type) {
        String name = type.getBaseComponentType().getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    /** One line per package, in the form ALLOWED is written, so a failure shows the fix. */
    private static String render(Map<String, Set<String>> edges) {
        return edges.entrySet().stream()
                .map(entry -> "Map.entry(\"" + entry.getKey() + "\", Set.of("
                        + new TreeSet<>(entry.getValue()).stream()
                                .map(to -> "\"" + to + "\"").collect(Collectors.joining(", "))
                        + ")),")
                .collect(Collectors.joining("\n"));
    }
}
