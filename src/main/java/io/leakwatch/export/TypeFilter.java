package io.leakwatch.export;

import io.leakwatch.model.ClassHistogram;
import io.leakwatch.model.HistogramEntry;
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
 * exclude} matches, plus every type named in {@code allow} whatever its size.
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
            if (allow.contains(e.className())) {
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

    private boolean matches(String type) {
        // Called for every row of every sample: plain loops, no stream per row.
        boolean included = include.isEmpty();
        for (int i = 0; !included && i < include.size(); i++) {
            included = include.get(i).matcher(type).find();
        }
        if (!included) {
            return false;
        }
        for (Pattern p : exclude) {
            if (p.matcher(type).find()) {
                return false;
            }
        }
        return true;
    }
}
