package io.leakwatch.markers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The jar applications embed has no runtime dependency and runs on Java 8: checked on the built
 * {@code target/leakwatch-markers.jar} by reading every class file's constant pool, and by jdeps.
 */
class MarkersJarIT {

    private static final Path JAR = Path.of("target", "leakwatch-markers.jar");
    private static final List<String> ALLOWED = List.of("java/", "javax/management/", "io/leakwatch/markers/");

    @Test
    void holdsOnlyMarkerClassesOfJava8() throws Exception {
        List<String> classes = new ArrayList<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                if (entry.isDirectory() || name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                assertThat(name).as("jar entry").startsWith("io/leakwatch/markers/").endsWith(".class");
                classes.add(name);
                ClassFileRefs refs = ClassFileRefs.read(jar.getInputStream(entry).readAllBytes());
                assertThat(refs.major()).as("class file version of " + name).isEqualTo(52);
            }
        }
        assertThat(classes).contains("io/leakwatch/markers/LeakMarkers.class", "io/leakwatch/markers/MarkRef.class");
    }

    @Test
    void referencesNothingOutsideTheJdkAndItsOwnPackage() throws Exception {
        Set<String> outside = new TreeSet<>();
        Set<String> all = new TreeSet<>();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                if (entry.getName().endsWith(".class")) {
                    for (String type : ClassFileRefs.read(jar.getInputStream(entry).readAllBytes()).referencedTypes()) {
                        all.add(type);
                        if (ALLOWED.stream().noneMatch(type::startsWith)) {
                            outside.add(entry.getName() + " -> " + type);
                        }
                    }
                }
            }
        }
        assertThat(all).as("the scan sees the JDK types the library uses")
                .contains("java/lang/ref/WeakReference", "javax/management/ObjectName");
        assertThat(outside).isEmpty();
    }

    @Test
    void jdepsFindsOnlyJavaBaseAndJavaManagement() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int rc = jdeps.run(new PrintWriter(out), new PrintWriter(out), "-summary", JAR.toString());
        assertThat(rc).as(out.toString()).isZero();
        Set<String> modules = new TreeSet<>();
        for (String line : out.toString().split("\\R")) {
            if (line.contains("->")) {
                modules.add(line.substring(line.indexOf("->") + 2).trim());
            }
        }
        assertThat(modules).as(out.toString()).containsExactlyInAnyOrder("java.base", "java.management");
    }
}
