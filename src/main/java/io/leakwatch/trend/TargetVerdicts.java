package io.leakwatch.trend;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.leakwatch.model.TargetIdentity;

/**
 * All verdicts for one target after one sample.
 *
 * @param target    configured target name
 * @param identity  the process the verdicts are about
 * @param at        when the sample that produced them was taken
 * @param restarted true when this sample came from a new process and the old history was dropped
 * @param heap      the whole live heap
 * @param types     tracked types, largest latest bytes first
 */
public record TargetVerdicts(
        String target, TargetIdentity identity, Instant at, boolean restarted, GrowthVerdict heap, List<GrowthVerdict> types) {

    public TargetVerdicts {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(heap, "heap");
        types = List.copyOf(Objects.requireNonNull(types, "types"));
        if (!heap.heap()) {
            throw new IllegalArgumentException("heap verdict is for type " + heap.type());
        }
    }

    /** Heap first, then types: every verdict whose transition is not {@link Transition#NONE}. */
    public List<GrowthVerdict> transitions() {
        List<GrowthVerdict> changed = new ArrayList<>();
        if (heap.transition() != Transition.NONE) {
            changed.add(heap);
        }
        for (GrowthVerdict v : types) {
            if (v.transition() != Transition.NONE) {
                changed.add(v);
            }
        }
        return changed;
    }

    /** Series that became {@link LeakState#CONFIRMED} with this sample: capture and alert. */
    public List<GrowthVerdict> newlyConfirmed() {
        return transitions().stream().filter(v -> v.transition() == Transition.CONFIRMED).toList();
    }

    /** Series whose confirmed growth cleared with this sample. */
    public List<GrowthVerdict> cleared() {
        return transitions().stream().filter(v -> v.transition() == Transition.CLEARED).toList();
    }

    /**
     * The types that grow most, for reports: confirmed before suspect before ok, then by
     * bytes per hour; only types with a positive slope.
     */
    public List<GrowthVerdict> topGrowers(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit negative: " + limit);
        }
        return types.stream()
                .filter(v -> v.bytesPerHour() > 0)
                .sorted(Comparator.comparing(GrowthVerdict::state).reversed()
                        .thenComparing(Comparator.comparingDouble(GrowthVerdict::bytesPerHour).reversed()))
                .limit(limit)
                .toList();
    }

    /** The same verdicts with every transition removed. */
    TargetVerdicts settled() {
        return new TargetVerdicts(target, identity, at, false, heap.settled(),
                types.stream().map(GrowthVerdict::settled).toList());
    }
}
