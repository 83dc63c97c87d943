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
}
