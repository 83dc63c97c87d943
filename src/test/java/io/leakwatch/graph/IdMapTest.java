package io.leakwatch.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IdMapTest {

    private static void check(long[] idsInDumpOrder, boolean inOrder) {
        long[] copy = idsInDumpOrder.clone();
        IdMap map = IdMap.of(copy, inOrder);
        assertThat(map.duplicate()).isZero();
        for (int i = 0; i < idsInDumpOrder.length; i++) {
            assertThat(map.indexOf(idsInDumpOrder[i])).as("id %x", idsInDumpOrder[i]).isEqualTo(i);
            assertThat(map.indexOf(idsInDumpOrder[i] + 1)).isEqualTo(-1);
        }
        assertThat(map.indexOf(0)).isEqualTo(-1);
        assertThat(map.indexOf(Long.MAX_VALUE)).isEqualTo(-1);
    }

    /** Regions dumped in shuffled order, each ascending inside: looked up without sorting. */
    @Test
    void regionsOutOfOrder() {
        Random r = new Random(1);
        List<long[]> regions = new ArrayList<>();
        for (int region = 0; region < 40; region++) {
            long base = 0x6_8000_0000L + region * (1L << 20);
            long[] ids = new long[500];
            long at = base;
            for (int i = 0; i < ids.length; i++) {
                at += 16 + 8L * r.nextInt(20);
                ids[i] = at;
            }
            regions.add(ids);
        }
        Collections.shuffle(regions, r);
        check(regions.stream().flatMapToLong(java.util.Arrays::stream).toArray(), false);
    }

    /** Like HotSpot's class objects: dumped first, though they live inside later regions. */
    @Test
    void strayIdsDumpedApartFromTheirRegion() {
        Random r = new Random(4);
        List<Long> first = new ArrayList<>();
        List<Long> rest = new ArrayList<>();
        for (int region = 0; region < 10; region++) {
            long at = 0x7_0000_0000L + region * (1L << 20);
            for (int i = 0; i < 300; i++) {
                at += 16 + 8L * r.nextInt(6);
                (r.nextInt(50) == 0 ? first : rest).add(at);
            }
        }
        first.addAll(rest);
        check(first.stream().mapToLong(Long::longValue).toArray(), false);
    }

    @Test
    void randomOrderIsSorted() {
        Random r = new Random(2);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(0x1000L + 8L * i * 3);
        }
        Collections.shuffle(ids, r);
        check(ids.stream().mapToLong(Long::longValue).toArray(), false);
    }

    @Test
    void addressOrder() {
        long[] ids = new long[10_000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 0x7f00_0000_0000L + 24L * i;
        }
        check(ids, true);
    }

    @Test
    void idsTooWideToPackStillWork() {
        Random r = new Random(3);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            ids.add((r.nextLong() >>> 1) & ~7L);
        }
        Collections.shuffle(ids, r);
        check(ids.stream().mapToLong(Long::longValue).distinct().toArray(), false);
    }

    @Test
    void duplicatesAreFound() {
        long[] ids = {0x100, 0x200, 0x180, 0x200};
        assertThat(IdMap.of(ids, false).duplicate()).isEqualTo(0x200);
    }
}
