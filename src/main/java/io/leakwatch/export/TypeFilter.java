package io.leakwatch.export;

import io.leakwatch.graph.TypeNames;
import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
import io.leakwatch.trend.GrowthVerdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which types get per-type series, so the number of series stays bounded: the {@code topN}
 * largest types by bytes among those {@code include} matches (all when empty) and no {@code
 * exclude} matches, plus every type named in {@code allow} whatever its size. Patterns and allowed
 * names may use either the JVM's form of a name ({@code [B}, {@code [Ljava.lang.String;}) or the
 * Java form the series are labelled with ({@code byte[]}, {@code java.lang.String[]}): a type is
 * matched against both.
 *
 * @param include regexes a type name must match one of (found anywhere); empty means all
 * @param exclude regexes that drop a type
 * @param topN    how many of the largest types to keep, 0 for none
 * @param allow   exact type names always exported when present
 */
public record TypeFilter(List<Pattern> include, List<Pattern> exclude, int topN, Set<String> allow) {
    public TypeFilter {
        include = List.copyOf(Objects.requireNonNull(include, "include"));
        exclude = List.copyOf(Objects.requireNonNull(exclude, "exclude"));
        allow = Set.copyOf(Objects.requireNonNull(allow, "allow"));
        if (topN < 0) {
            throw new IllegalArgumentException("topN must not be negative: " + topN);
        }
    }

    /** The default cap: the 20 largest types, no patterns. */
    public static final int DEFAULT_TOP_N = 20;

    /** Top {@value #DEFAULT_TOP_N}, no patterns, no allow list. */
    public static TypeFilter defaults() {
        return new TypeFilter(List.of(), List.of(), DEFAULT_TOP_N, Set.of());
    }

    /** The entries to export: the allowed ones plus the top N of the matching ones, largest first. */
    public List<HistogramEntry> select(ClassHistogram histogram) {
        Map<String, HistogramEntry> chosen = new LinkedHashMap<>();
        List<HistogramEntry> matching = new ArrayList<>();
        for (HistogramEntry e : histogram.entries()) {
            if (allowed(e.className())) {
                chosen.put(e.className(), e);
            } else if (matches(e.className())) {
                matching.add(e);
            }
        }
        matching.sort(Comparator.comparingLong(HistogramEntry::bytes).reversed());
        for (HistogramEntry e : matching.subList(0, Math.min(topN, matching.size()))) {
            chosen.putIfAbsent(e.className(), e);
        }
        List<HistogramEntry> result = new ArrayList<>(chosen.values());
        result.sort(Comparator.comparingLong(HistogramEntry::bytes).reversed());
        return result;
    }

    /**
     * The verdicts whose growth and leak-state series are exported: the allowed types plus the top
     * N of the matching ones, worst state first, then largest latest bytes. The whole-heap verdict
     * is not a type and is never among them.
     */
    public List<GrowthVerdict> select(List<GrowthVerdict> verdicts) {
        List<GrowthVerdict> chosen = new ArrayList<>();
        List<GrowthVerdict> matching = new ArrayList<>();
        for (GrowthVerdict v : verdicts) {
            if (v.heap()) {
                continue;
            }
            if (allowed(v.type())) {
                chosen.add(v);
            } else if (matches(v.type())) {
                matching.add(v);
            }
        }
        matching.sort(Comparator.comparingInt((GrowthVerdict v) -> v.state().metricValue()).reversed()
                .thenComparing(Comparator.comparingLong(GrowthVerdict::latestBytes).reversed()));
        chosen.addAll(matching.subList(0, Math.min(topN, matching.size())));
        return chosen;
    }

    /** The label a type's series carry: the Java form of its name, as reports write it. */
    public static String label(String type) {
        return TypeNames.javaName(type);
    }

    private boolean allowed(String type) {
        return allow.contains(type) || (isDescriptor(type) && allow.contains(TypeNames.javaName(type)));
    }

    private boolean matches(String type) {
        // Called for every row of every sample: plain loops, no stream per row. Arrays (and
        // slash-separated names) are the only names whose two forms differ.
        if (include.isEmpty() && exclude.isEmpty()) {
            return true;
        }
        String other = isDescriptor(type) ? TypeNames.javaName(type) : null;
        boolean included = include.isEmpty();
        for (int i = 0; !included && i < include.size(); i++) {
            included = found(include.get(i), type, other);
        }
        if (!included) {
            return false;
        }
        for (Pattern p : exclude) {
            if (found(p, type, other)) {
                return false;
            }
        }
        return true;
    }

    private static boolean found(Pattern p, String type, String other) {
        return p.matcher(type).find() || (other != null && p.matcher(other).find());
    }

    private static boolean isDescriptor(String type) {
        return !type.isEmpty() && (type.charAt(0) == '[' || type.indexOf('/') >= 0);
    }
}
