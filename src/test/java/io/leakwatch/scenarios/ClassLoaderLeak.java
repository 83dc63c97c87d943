package io.leakwatch.scenarios;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.Map;

/**
 * Leak: every plugin reload creates a class loader, loads the plugin's class (with its static
 * table) and registers the loader in a static registry that keeps every version.
 * {@code args[0]} reloads per second.
 */
public final class ClassLoaderLeak {

    static final Map<String, ClassLoader> LOADERS = new HashMap<>();

    private ClassLoaderLeak() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = ScenarioProgram.arg(args, 0, 5);
        URL classes = ClassLoaderLeak.class.getProtectionDomain().getCodeSource().getLocation();
        long[] version = {0};
        ScenarioProgram.run(1000 / perSecond, t -> {
            try {
                URLClassLoader loader = new URLClassLoader("plugin-" + version[0], new URL[] {classes}, null);
                Class<?> code = loader.loadClass(PluginCode.class.getName());
                if ((int) code.getMethod("size").invoke(null) <= 0) {
                    throw new IllegalStateException("plugin did not initialise");
                }
                LOADERS.put("plugin-v" + version[0]++, loader);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
