package io.leakwatch.analysis;

import io.leakwatch.hprof.GcRootKind;
import io.leakwatch.hprof.HprofTag;
import io.leakwatch.hprof.HprofWriter;
import io.leakwatch.hprof.HprofWriter.Field;
import java.util.Map;

/** Generated dumps for the leak-suspect tests. */
public final class SuspectHeaps {

    private SuspectHeaps() {
    }

    /**
     * A service whose {@code static List<Order> ORDERS} holds 200 orders (each with a byte[100]),
     * its class reached the way HotSpot dumps show it (ClassLoaders.APP_LOADER, the loader's
     * {@code classes} list); beside it a JDK-internal cache of about the same size
     * (MethodType's intern table) and a small unrelated static.
     */
    public static byte[] orderService() {
        return orderService(200);
    }

    /** {@link #orderService()} with {@code count} orders in the list. */
    public static byte[] orderService(int count) {
        HprofWriter w = new HprofWriter(8);
        long objArray = w.defineClass("[Ljava/lang/Object;", 0);
        long list = w.defineClass("java.util.ArrayList", 0, new Field("elementData", HprofTag.TYPE_OBJECT),
                new Field("size", HprofTag.TYPE_INT));
        long loader = w.defineClass("java.lang.ClassLoader", 0, new Field("classes", HprofTag.TYPE_OBJECT));
        long appLoader = w.defineClass("jdk.internal.loader.ClassLoaders$AppClassLoader", loader);
        long loaders = w.defineClass("jdk.internal.loader.ClassLoaders", 0);
        long order = w.defineClass("com.example.Order", 0, new Field("payload", HprofTag.TYPE_OBJECT),
                new Field("id", HprofTag.TYPE_INT));
        long service = w.defineClass("com.example.OrderService", 0);
        long config = w.defineClass("com.example.Config", 0);
        long methodType = w.defineClass("java.lang.invoke.MethodType", 0);
        long[] orders = new long[count];
        for (int i = 0; i < orders.length; i++) {
            orders[i] = w.instance(order, Map.of("payload", w.byteArray(new byte[100]), "id", (long) i));
        }
        long ordersList = w.instance(list, Map.of("elementData", w.objectArray(objArray, orders), "size", (long) count));
        w.staticRef(service, "ORDERS", ordersList);
        long classes = w.instance(list, Map.of("elementData", w.objectArray(objArray, service, config), "size", 2L));
        long app = w.instance(appLoader, Map.of("classes", classes));
        w.staticRef(loaders, "APP_LOADER", app).root(GcRootKind.STICKY_CLASS, loaders);
        w.staticRef(config, "NAME", w.string0("orders"));
        long[] cached = new long[100];
        for (int i = 0; i < cached.length; i++) {
            cached[i] = w.byteArray(new byte[300]);
        }
        w.staticRef(methodType, "internTable", w.objectArray(objArray, cached)).root(GcRootKind.STICKY_CLASS, methodType);
        return w.toBytes();
    }

    /** {@code Queue.HEAD} -> a linked list of 500 nodes, each with a byte[64]. */
    public static byte[] linkedList() {
        HprofWriter w = new HprofWriter(8);
        long node = w.defineClass("com.example.Queue$Node", 0, new Field("next", HprofTag.TYPE_OBJECT),
                new Field("item", HprofTag.TYPE_OBJECT));
        long queue = w.defineClass("com.example.Queue", 0);
        long next = 0;
        for (int i = 0; i < 500; i++) {
            next = w.instance(node, next == 0 ? Map.of("item", w.byteArray(new byte[64]))
                    : Map.of("next", next, "item", w.byteArray(new byte[64])));
        }
        w.staticRef(queue, "HEAD", next).root(GcRootKind.STICKY_CLASS, queue);
        return w.toBytes();
    }
}
