package io.leakwatch.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accumulation point of a chain as a key: one per holder, whatever the chain does below or before it. */
class AccumulationPointTest {

    private static ChainHop hop(String holder, String reference, String type, int fanOut) {
        return new ChainHop(holder, reference, 0x1000, type, 16, -1, null, fanOut);
    }

    /** sticky class root -> Registry.ITEMS -> HashMap -> table (fans out) -> Node [-> next Node]* -> value -> type. */
    private static RetentionChain registry(String rootKind, String root, int collisions, String target) {
        List<ChainHop> hops = new ArrayList<>();
        hops.add(hop(null, null, root, 1));
        hops.add(hop(root.substring(6), "static ITEMS", "java.util.HashMap", 1));
        hops.add(hop("java.util.HashMap", "table", "java.util.HashMap$Node[]", 1));
        hops.add(hop("java.util.HashMap$Node[]", "[" + (17 + collisions) + "]", "java.util.HashMap$Node", 40));
        for (int i = 0; i < collisions; i++) {
            hops.add(hop("java.util.HashMap$Node", "next", "java.util.HashMap$Node", 1));
        }
        hops.add(hop("java.util.HashMap$Node", "value", target, 1));
        return new RetentionChain(rootKind, root, "static field Registry.ITEMS", hops, 2);
    }

    @Test
    void typesUnderOneHolderShareTheKeyWhateverPathReachedTheHolderAndWhateverIndexOrCollision() {
        String key = AccumulationPoint.key(registry("system class", "class com.example.Registry", 0, "com.example.Session"));
        assertThat(key).isEqualTo("static com.example.Registry.ITEMS\njava.util.HashMap.table\n@ java.util.HashMap$Node[]");
        assertThat(AccumulationPoint.key(registry("JNI global", "class com.example.Registry", 2, "byte[]"))).isEqualTo(key);
        assertThat(AccumulationPoint.signature(registry("system class", "class com.example.Registry", 1, "byte[]")))
                .isEqualTo(AccumulationPoint.signature(registry("system class", "class com.example.Registry", 0, "java.lang.Class")))
                .matches("[0-9a-f]{16}");
    }

    @Test
    void anotherHolderIsAnotherKey() {
        assertThat(AccumulationPoint.key(registry("system class", "class com.example.Other", 0, "byte[]")))
                .isNotEqualTo(AccumulationPoint.key(registry("system class", "class com.example.Registry", 0, "byte[]")));
    }

    @Test
    void threadRootsAreKeyedByTheirNameWithoutItsNumbersAndByTheirType() {
        RetentionChain refresher16 = threadChain("\"pricefeed-refresher-16\"", "com.example.Refresher");
        RetentionChain refresher3 = threadChain("\"pricefeed-refresher-3\"", "com.example.Refresher");
        assertThat(AccumulationPoint.key(refresher16)).isEqualTo("thread object \"pricefeed-refresher-*\" com.example.Refresher\n"
                + "java.lang.Thread.target\ncom.example.Refresher$$Lambda$*.arg$1\n@ java.util.ArrayList");
        assertThat(AccumulationPoint.key(refresher3)).isEqualTo(AccumulationPoint.key(refresher16));
        assertThat(AccumulationPoint.key(threadChain("\"http-nio-8080-exec-1\"", "com.example.Refresher")))
                .isNotEqualTo(AccumulationPoint.key(refresher16));
    }

    /** A thread whose lambda holds a list that fans out to the leaked objects. */
    private static RetentionChain threadChain(String name, String type) {
        List<ChainHop> hops = List.of(
                hop(null, null, type, 1),
                hop("java.lang.Thread", "target", type + "$$Lambda$41/0x0000000800c0b218", 1),
                hop(type + "$$Lambda$41/0x0000000800c0b218", "arg$1", "java.util.ArrayList", 300),
                hop("java.util.ArrayList", "elementData", "java.lang.Object[]", 1));
        return new RetentionChain("thread object", name, "thread object " + name, hops, 2);
    }

    @Test
    void aGrowingListsBackingArrayIsTheSamePointAsTheElementsFanningOutOfIt() {
        List<ChainHop> toArray = List.of(
                hop(null, null, "class com.example.Feed", 1),
                hop("com.example.Feed", "static LISTENERS", "java.util.ArrayList", 1),
                hop("java.util.ArrayList", "elementData", "java.lang.Object[]", 1));
        List<ChainHop> toElement = new ArrayList<>(toArray);
        toArray = List.of(toArray.get(0), toArray.get(1), hop("java.util.ArrayList", "elementData", "java.lang.Object[]", 1));
        toElement.set(2, hop("java.util.ArrayList", "elementData", "java.lang.Object[]", 900));
        toElement.add(hop("java.lang.Object[]", "[12]", "com.example.Listener", 1));
        String array = AccumulationPoint.key(new RetentionChain("system class", "class com.example.Feed", "x", toArray, -1));
        assertThat(array).isEqualTo("static com.example.Feed.LISTENERS\njava.util.ArrayList.elementData\n@ java.lang.Object[]");
        assertThat(AccumulationPoint.key(new RetentionChain("system class", "class com.example.Feed", "x", toElement, 2)))
                .isEqualTo(array);
    }
}
