package io.leakwatch.scenarios;

/**
 * A plugin's class, loaded afresh by each class loader of {@link ClassLoaderLeak}; its static
 * table lives as long as the loader.
 */
public final class PluginCode {

    static final byte[] TABLE = new byte[8192];

    private PluginCode() {
    }

    public static int size() {
        return TABLE.length;
    }
}
