package io.leakwatch.history;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A damaged history file found while loading: what was wrong, where, and where the original went.
 * The records before the damage were kept; the caller logs this.
 *
 * @param file       the history file
 * @param offset     byte offset of the first bad record (or header)
 * @param message    what was wrong
 * @param setAsideTo where the damaged original was moved
 * @param kept       records recovered before the damage
 */
public record HistoryProblem(Path file, long offset, String message, Path setAsideTo, int kept) {
    public HistoryProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(setAsideTo, "setAsideTo");
    }

    @Override
    public String toString() {
        return "history file " + file + " damaged at offset " + offset + ": " + message + "; kept " + kept
                + " earlier records; original set aside as " + setAsideTo;
    }
}
