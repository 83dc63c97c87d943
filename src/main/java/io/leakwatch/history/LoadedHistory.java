package io.leakwatch.history;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.leakwatch.model.Sample;

/**
 * The history of one target as loaded: records oldest first, and the damage found, if any.
 *
 * @param target  the target name
 * @param records surviving records, oldest first, within retention
 * @param problem damage found and handled while loading
 */
public record LoadedHistory(String target, List<HistoryRecord> records, Optional<HistoryProblem> problem) {
    public LoadedHistory {
        Objects.requireNonNull(target, "target");
        records = List.copyOf(Objects.requireNonNull(records, "records"));
        Objects.requireNonNull(problem, "problem");
    }

    /** The records as samples, for {@code GrowthTracker.replay}. */
    public List<Sample> samples() {
        return records.stream().map(r -> r.toSample(target)).toList();
    }
}
