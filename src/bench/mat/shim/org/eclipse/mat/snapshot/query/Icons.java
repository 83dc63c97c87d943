package org.eclipse.mat.snapshot.query;

import java.net.URL;
import org.eclipse.mat.snapshot.ISnapshot;

/**
 * Stand-in for MAT's Icons without OSGi: the original's static initializer looks its icon files up
 * in the OSGi bundle (FileLocator), which fails on a plain classpath. Icons only decorate result
 * rows in MAT's UI, so every icon is null here. Benchmark shim, put ahead of mat-noosgi.jar.
 */
public final class Icons {
    public static final URL CLASS = null;
    public static final URL CLASS_IN = null;
    public static final URL CLASS_OUT = null;
    public static final URL CLASS_IN_OLD = null;
    public static final URL CLASS_OUT_OLD = null;
    public static final URL CLASS_IN_MIXED = null;
    public static final URL CLASS_OUT_MIXED = null;
    public static final URL OBJECT_INSTANCE = null;
    public static final URL CLASS_INSTANCE = null;
    public static final URL ARRAY_INSTANCE = null;
    public static final URL CLASSLOADER_INSTANCE = null;
    public static final URL OBJECT_INSTANCE_AS_GC_ROOT = null;
    public static final URL CLASS_INSTANCE_AS_GC_ROOT = null;
    public static final URL ARRAY_INSTANCE_AS_GC_ROOT = null;
    public static final URL CLASSLOADER_INSTANCE_AS_GC_ROOT = null;
    public static final URL PACKAGE = null;
    public static final URL SUPERCLASS = null;

    public static final URL forObject(ISnapshot snapshot, int objectId) {
        return null;
    }

    public static final URL inbound(ISnapshot snapshot, int objectId) {
        return null;
    }

    public static final URL outbound(ISnapshot snapshot, int objectId) {
        return null;
    }

    public static URL getURL(String name) {
        return null;
    }
}
