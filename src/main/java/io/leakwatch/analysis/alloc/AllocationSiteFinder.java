package io.leakwatch.analysis.alloc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Attributes sampled live objects to the types a leak is about: groups the samples of those types
 * by type and collapsed allocation stack, and keeps the most sampled sites.
 */
public final class AllocationSiteFinder {

    private final FrameFilter filter;
    private final int top;

    /**
     * @param filter which frames are the application's
     * @param top    sites kept at most, at least 1
     */
    public AllocationSiteFinder(FrameFilter filter, int top) {
        this.filter = Objects.requireNonNull(filter, "filter");
        if (top < 1) {
            throw new IllegalArgumentException("top must be at least 1: " + top);
        }
        this.top = top;
    }

    /**
     * The top sites of the samples whose type is one of {@code types}. With no type given, or when
     * none of the samples is of a type given (the leak was judged by the whole heap, or by a type
     * the sampler missed), the sites of samples allocated in application code, of any type.
     */
    public AllocationSites find(List<SampledObject> samples, Collection<String> types) {
        Set<String> wanted = types.stream().map(TypeNames::javaName).collect(Collectors.toSet());
        List<SampledObject> chosen = samples.stream().filter(s -> wanted.contains(s.type())).toList();
        if (chosen.isEmpty()) {
            chosen = samples.stream().filter(s -> !filter.collapse(s.frames()).isEmpty()).toList();
        }
        Map<Key, long[]> bySite = new LinkedHashMap<>();
        for (SampledObject s : chosen) {
            long[] countAndAge = bySite.computeIfAbsent(new Key(s.type(), filter.collapse(s.frames())), k -> new long[2]);
            countAndAge[0]++;
            countAndAge[1] = Math.max(countAndAge[1], s.ageMillis());
        }
        List<AllocationSite> sites = new ArrayList<>();
        bySite.forEach((k, v) -> sites.add(new AllocationSite(k.type(), k.frames(), (int) v[0], v[1])));
        sites.sort(Comparator.comparingInt(AllocationSite::samples).reversed()
                .thenComparing(Comparator.comparingLong(AllocationSite::oldestAgeMillis).reversed())
                .thenComparing(AllocationSite::describe));
        return new AllocationSites(sites.stream().limit(top).toList(), chosen.size(), samples.size());
    }

    private record Key(String type, List<StackFrame> frames) {
    }
}
