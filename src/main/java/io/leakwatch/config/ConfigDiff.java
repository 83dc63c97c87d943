package io.leakwatch.config;

import io.leakwatch.export.TypeFilter;
import io.leakwatch.model.TargetSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a reloaded config changes against the running one: targets added, removed or changed (and
 * in what), whether the exported types changed, and which sections changed that only a restart
 * applies. Regexes compare by their text and flags ({@link Pattern} itself compares by identity).
 *
 * @param added       targets in the new config only, in its order
 * @param removed     names of targets in the running config only
 * @param changed     targets in both whose settings differ
 * @param exportChanged whether {@code export} changed
 * @param restartOnly the changed sections a running daemon keeps until restarted, in file order
 */
public record ConfigDiff(List<TargetConfig> added, List<String> removed, List<TargetChange> changed,
                         boolean exportChanged, List<String> restartOnly) {

    /** The sections that only a restart applies: the HTTP endpoint, and where data goes and how it is captured and sent. */
    public static final List<String> RESTART_ONLY = List.of("http", "dataDir", "capture", "alerts",
            "allocations");

    public ConfigDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        restartOnly = List.copyOf(restartOnly);
    }

    /**
     * One target present before and after, with what changed.
     *
     * @param before the running settings
     * @param after  the new settings
     */
    public record TargetChange(TargetConfig before, TargetConfig after) {
        public TargetChange {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
            if (!before.name().equals(after.name())) {
                throw new IllegalArgumentException("a change of one target: " + before.name() + " vs " + after.name());
            }
        }

        /** The JVMs it selects or its timeouts: it needs a new sampler. */
        public boolean samplerChanged() {
            return !sameSelector(before.selector(), after.selector()) || !before.sampling().equals(after.sampling());
        }

        public boolean scheduleChanged() {
            return !before.schedule().equals(after.schedule());
        }

        public boolean detectionChanged() {
            return !before.detection().equals(after.detection());
        }

        public boolean markersChanged() {
            return !before.markers().equals(after.markers());
        }

        /** The aspects that changed, for the log: {@code selector/timeouts}, {@code schedule}, ... */
        public List<String> aspects() {
            List<String> a = new ArrayList<>();
            if (samplerChanged()) {
                a.add("selector/timeouts");
            }
            if (scheduleChanged()) {
                a.add("schedule");
            }
            if (detectionChanged()) {
                a.add("detection");
            }
            if (markersChanged()) {
                a.add("markers");
            }
            return a;
        }
    }

    /** The changes from {@code running} to {@code reloaded}. */
    public static ConfigDiff between(LeakwatchConfig running, LeakwatchConfig reloaded) {
        Map<String, TargetConfig> before = byName(running.targets());
        Map<String, TargetConfig> after = byName(reloaded.targets());
        List<TargetConfig> added = new ArrayList<>();
        List<TargetChange> changed = new ArrayList<>();
        for (TargetConfig t : reloaded.targets()) {
            TargetConfig old = before.get(t.name());
            if (old == null) {
                added.add(t);
            } else {
                TargetChange c = new TargetChange(old, t);
                if (!c.aspects().isEmpty()) {
                    changed.add(c);
                }
            }
        }
        List<String> removed = running.targets().stream().map(TargetConfig::name).filter(n -> !after.containsKey(n)).toList();
        List<String> restartOnly = new ArrayList<>();
        if (!running.http().equals(reloaded.http())) {
            restartOnly.add("http");
        }
        if (!running.dataDir().equals(reloaded.dataDir())) {
            restartOnly.add("dataDir");
        }
        if (!running.capture().equals(reloaded.capture())) {
            restartOnly.add("capture");
        }
        if (!running.alerts().equals(reloaded.alerts())) {
            restartOnly.add("alerts");
        }
        if (!running.allocations().equals(reloaded.allocations())) {
            restartOnly.add("allocations");
        }
        return new ConfigDiff(added, removed, changed, !sameFilter(running.export(), reloaded.export()), restartOnly);
    }

    /** Whether nothing changed at all. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && !exportChanged && restartOnly.isEmpty();
    }

    /** One line for the log: {@code added [b]; removed [c]; changed [a (schedule)]; export; restart needed for [http]}. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + added.stream().map(TargetConfig::name).toList());
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + removed);
        }
        if (!changed.isEmpty()) {
            parts.add("changed " + changed.stream().map(c -> c.after().name() + " (" + String.join(", ", c.aspects()) + ")")
                    .collect(Collectors.joining(", ", "[", "]")));
        }
        if (exportChanged) {
            parts.add("export changed");
        }
        if (!restartOnly.isEmpty()) {
            parts.add("kept until restart: " + restartOnly);
        }
        return parts.isEmpty() ? "no change" : String.join("; ", parts);
    }

    private static Map<String, TargetConfig> byName(List<TargetConfig> targets) {
        return targets.stream().collect(Collectors.toMap(TargetConfig::name, Function.identity()));
    }

    private static boolean sameSelector(TargetSelector a, TargetSelector b) {
        if (a instanceof TargetSelector.MainClass x && b instanceof TargetSelector.MainClass y) {
            return samePattern(x.regex(), y.regex());
        }
        return a.equals(b);
    }

    private static boolean sameFilter(TypeFilter a, TypeFilter b) {
        return a.topN() == b.topN() && a.allow().equals(b.allow())
                && samePatterns(a.include(), b.include()) && samePatterns(a.exclude(), b.exclude());
    }

    private static boolean samePatterns(List<Pattern> a, List<Pattern> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!samePattern(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePattern(Pattern a, Pattern b) {
        return a.pattern().equals(b.pattern()) && a.flags() == b.flags();
    }
}
