package io.leakwatch.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Keeps the pure core free of adapters' libraries, and dependencies pointing inward. */
class LayeringTest {

    private static final String[] CORE = {
        "io.leakwatch.model..", "io.leakwatch.trend..", "io.leakwatch.hprof..",
        "io.leakwatch.graph..", "io.leakwatch.analysis.."
    };

    private static final String[] ADAPTER_LIBRARIES = {
        "org.quartz..", "io.micrometer..", "io.prometheus..", "ch.qos.logback..", "org.slf4j..",
        "com.sun.tools.attach..", "javax.management..", "com.fasterxml.jackson..", "picocli.."
    };

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.leakwatch");

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
                        "io.leakwatch.pipeline..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void servicesDoNotReachIntoTheCompositionRoot() {
        noClasses().that().resideOutsideOfPackage("io.leakwatch.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.leakwatch.cli..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
