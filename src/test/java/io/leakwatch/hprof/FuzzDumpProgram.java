package io.leakwatch.hprof;

import java.util.ArrayList;
import java.util.List;

/** A small heap for the fuzz test's seed dump: a static list of records holding strings and arrays. */
public final class FuzzDumpProgram {

    /** The type the analysis is asked about. */
    public static final class Entry {
        final String name;
        final long[] values;
        Entry next;

        Entry(String name, int n) {
            this.name = name;
            this.values = new long[n];
        }
    }

    static final List<Entry> ENTRIES = new ArrayList<>();

    private FuzzDumpProgram() {
    }

    public static void main(String[] args) throws InterruptedException {
        Entry previous = null;
        for (int i = 0; i < 300; i++) {
            Entry e = new Entry("entry-" + i, i % 7);
            e.next = previous;
            previous = e;
            ENTRIES.add(e);
        }
        System.out.println("ready " + ENTRIES.size());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
