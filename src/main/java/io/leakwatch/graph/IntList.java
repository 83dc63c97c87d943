package io.leakwatch.graph;

import java.util.Arrays;

/** A growable int array. */
final class IntList {

    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(4, capacity)];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1) + 4);
        }
        values[size++] = v;
    }

    int size() {
        return size;
    }

    int[] toArray() {
        return Arrays.copyOf(values, size);
    }

    /** The values of {@code a} then {@code b}, at most {@code limit} of them (0 = all). */
    static int[] concat(IntList a, IntList b, int limit) {
        int total = a.size + b.size;
        int len = limit == 0 ? total : Math.min(limit, total);
        int[] out = new int[len];
        int fromA = Math.min(len, a.size);
        System.arraycopy(a.values, 0, out, 0, fromA);
        System.arraycopy(b.values, 0, out, fromA, len - fromA);
        return out;
    }
}
