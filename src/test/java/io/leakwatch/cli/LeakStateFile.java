package io.leakwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.leakwatch.files.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Reads a daemon's alerted-leaks state file ({@code <data dir>/alerts/leaks.json}) the way a restart does. */
final class LeakStateFile {

    private LeakStateFile() {
    }

    /**
     * The notices the daemon filed trigger {@code key} of {@code target} under, once it has any.
     *
     * @param alive whether the daemon still runs (waiting ends when it does not)
     * @param tail  the daemon's recent log, for the failure message
     */
    static JsonNode awaitFiled(Path data, String target, String key, Duration timeout, BooleanSupplier alive,
                               Supplier<String> tail) throws Exception {
        Path leaks = data.resolve("alerts").resolve("leaks.json");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && alive.getAsBoolean()) {
            if (Files.exists(leaks)) {
                JsonNode notices = Json.MAPPER.readTree(leaks.toFile()).path("targets").path(target).path(key);
                if (notices.isArray() && !notices.isEmpty()) {
                    return notices;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no notice filed for " + key + " of " + target + " within " + timeout + "\n" + tail.get());
    }
}
