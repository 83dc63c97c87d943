package io.leakwatch.analysis;

import io.leakwatch.graph.HeapIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** For a type name the dump does not have, the names it has that are closest (a typo, a package left out). */
final class TypeSuggestions {

    private static final int SHOWN = 5;

    private TypeSuggestions() {
    }

    static List<LeakAnalysis.UnknownType> unknown(HeapIndex index, List<String> requested) {
        List<LeakAnalysis.UnknownType> out = new ArrayList<>();
        TreeSet<String> names = null;
        for (String name : requested) {
            if (index.typeIndexes(name).length > 0) {
                continue;
            }
            if (names == null) {
                names = new TreeSet<>();
                for (int t = 0; t < index.typeCount(); t++) {
                    names.add(index.typeName(t));
                }
            }
            out.add(new LeakAnalysis.UnknownType(name, closest(name, names)));
        }
        return out;
    }

    /** Names ending in the same simple name first, then by edit distance (case-insensitive). */
    static List<String> closest(String name, Iterable<String> names) {
        String want = name.toLowerCase(Locale.ROOT);
        String simple = simple(want);
        List<String> all = new ArrayList<>();
        names.forEach(all::add);
        all.sort(Comparator.<String>comparingInt(c -> simple(c.toLowerCase(Locale.ROOT)).equals(simple) ? 0 : 1)
                .thenComparingInt(c -> distance(want, c.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder()));
        return all.subList(0, Math.min(SHOWN, all.size()));
    }

    private static String simple(String name) {
        int cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('$'));
        return name.substring(cut + 1);
    }

    /** Levenshtein distance, two rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
