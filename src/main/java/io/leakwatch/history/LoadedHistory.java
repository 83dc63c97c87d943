package io.leakwatch.history;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
}
