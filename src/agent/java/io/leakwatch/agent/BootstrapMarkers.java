package io.leakwatch.agent;

import java.io.File;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.net.URISyntaxException;
import java.security.CodeSource;
import java.util.jar.JarFile;

/**
 * Makes the marker classes visible to every class loader: advice inlined into a class resolves
 * {@code io.leakwatch.markers.AgentMarks} through that class's loader, and loaders that do not
 * delegate to the system class path (OSGi bundles, some containers) would not find the copy in the
 * agent jar. Putting {@value #MARKERS_JAR} from beside the agent jar on the bootstrap class path
 * fixes that, and every loader then shares one registry and one MBean.
 *
 * <p>Skipped when a marker class is already loaded: the application ships the library itself, and
 * a second copy would fight over the MBean name, while its own copy already serves advice in its
 * loader. Without the jar beside the agent, advice in loaders that cannot see the marker classes
 * does nothing (the advice suppresses the linkage error).
 */
final class BootstrapMarkers {

    static final String MARKERS_JAR = "leakwatch-markers.jar";
    private static final String MARKERS_PACKAGE = "io.leakwatch.markers.";

    private BootstrapMarkers() {
    }

    /** Appends the markers jar to the bootstrap search path; returns whether it did. */
    static boolean share(Instrumentation inst) {
        for (Class<?> loaded : inst.getAllLoadedClasses()) {
            if (loaded.getName().startsWith(MARKERS_PACKAGE)) {
                return false;
            }
        }
        File jar = besideAgent();
        if (jar == null || !jar.isFile()) {
            return false;
        }
        try {
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot open " + jar + " to share the marker classes", e);
        }
    }

    private static File besideAgent() {
        CodeSource source = BootstrapMarkers.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return null;
        }
        try {
            File agentJar = new File(source.getLocation().toURI());
            return new File(agentJar.getParentFile(), MARKERS_JAR);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
