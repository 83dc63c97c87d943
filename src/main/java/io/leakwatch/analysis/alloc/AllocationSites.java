package io.leakwatch.analysis.alloc;

import java.util.List;

/**
 * Where the sampled live objects of the types asked about were allocated.
 *
 * @param sites        top sites, most samples first (ties: older first, then by text)
 * @param samples      sampled objects of the types asked about
 * @param totalSamples all sampled live objects, of every type
 */
public record AllocationSites(List<AllocationSite> sites, int samples, int totalSamples) {

    /** No samples at all. */
    public static final AllocationSites NONE = new AllocationSites(List.of(), 0, 0);

    public AllocationSites {
        sites = List.copyOf(sites);
        if (samples < 0 || totalSamples < samples) {
            throw new IllegalArgumentException("need 0 <= samples <= totalSamples: " + samples + ", " + totalSamples);
        }
    }

    /** The sites, one line each; empty when there are none. */
    public String describe() {
        return String.join("\n", sites.stream().map(AllocationSite::describe).toList());
    }
}
