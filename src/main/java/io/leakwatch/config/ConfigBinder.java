package io.leakwatch.config;

import io.leakwatch.config.RawConfig.RawExport;
import io.leakwatch.config.RawConfig.RawTarget;
import io.leakwatch.export.TypeFilter;
import io.leakwatch.http.HttpSettings;
import io.leakwatch.pipeline.AllocationSettings;
import io.leakwatch.sample.PausePolicy;
import io.leakwatch.trend.DetectorSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns the raw bound file into checked records, collecting every problem with the location of
 * the key at fault. One instance per file read.
 */
final class ConfigBinder {

    private static final String SELECTORS = TargetBinder.SELECTORS;

    private final Problems problems;
    private final TargetBinder targets;
    private final DetectionBinder detection;
    private final SectionBinder sections;
    private final HttpBinder http;
    private final SamplingBinder sampling;

    ConfigBinder(String file, LocationIndex index, SecretResolver secrets) {
        this.problems = new Problems(file, index);
        this.targets = new TargetBinder(problems, secrets);
        this.detection = new DetectionBinder(problems);
        this.sections = new SectionBinder(problems);
        this.http = new HttpBinder(problems, secrets);
        this.sampling = new SamplingBinder(problems);
    }

    LeakwatchConfig bind(RawConfig raw) throws ConfigException {
        if (raw == null) {
            throw new ConfigException(problems.problem("", "the file is empty; it needs at least a 'targets' list"));
        }
        DetectorSettings global = detection.bind("detection", raw.detection(), DetectorSettings.defaults());
        PausePolicy pause = sampling.bind("sampling", raw.sampling(), PausePolicy.DEFAULTS);
        List<TargetConfig> bound = targets(raw.targets(), global == null ? DetectorSettings.defaults() : global,
                pause == null ? PausePolicy.DEFAULTS : pause);
        HttpSettings http = this.http.bind(raw.http());
        Path dataDir = raw.dataDir() == null ? LeakwatchConfig.DEFAULT_DATA_DIR : problems.path("dataDir", raw.dataDir());
        TypeFilter export = export(raw.export());
        Path base = dataDir == null ? LeakwatchConfig.DEFAULT_DATA_DIR : dataDir;
        CaptureSettings capture = sections.capture(raw.capture(), base);
        AlertSettings alerts = sections.alerts(raw.alerts());
        AllocationSettings allocations = new AllocationBinder(problems).bind(raw.allocations());
        if (problems.count() > 0) {
            throw new ConfigException(problems.all());
        }
        return new LeakwatchConfig(bound, http, dataDir, export, global, capture, alerts, allocations);
    }

    private List<TargetConfig> targets(List<RawTarget> raw, DetectorSettings global, PausePolicy pause) {
        if (raw == null || raw.isEmpty()) {
            problems.report("targets", "no targets; add at least one entry with a name and one of " + SELECTORS);
            return List.of();
        }
        List<TargetConfig> result = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String key = "targets[" + i + "]";
            RawTarget t = raw.get(i);
            if (t == null) {
                problems.report(key, "empty target entry; give a name and one of " + SELECTORS);
                continue;
            }
            Optional<TargetConfig> bound = targets.bind(key, t, global, pause);
            if (bound.isPresent()) {
                String name = bound.get().name();
                int line = problems.lineOf(key + ".name");
                Integer earlier = firstLine.putIfAbsent(name, line);
                if (earlier != null) {
                    problems.report(key + ".name", "duplicate target name '" + name + "' (first used on line " + earlier
                            + "); target names must be unique");
                } else {
                    result.add(bound.get());
                }
            }
        }
        return result;
    }

    private TypeFilter export(RawExport raw) {
        if (raw == null) {
            return TypeFilter.defaults();
        }
        List<Pattern> include = regexes("export.include", raw.include());
        List<Pattern> exclude = regexes("export.exclude", raw.exclude());
        int topN = raw.topN() == null ? TypeFilter.DEFAULT_TOP_N
                : problems.integer("export.topN", raw.topN(), 0, 10_000).orElse(TypeFilter.DEFAULT_TOP_N);
        LinkedHashSet<String> allow = new LinkedHashSet<>();
        if (raw.allow() != null) {
            for (int i = 0; i < raw.allow().size(); i++) {
                String type = raw.allow().get(i);
                if (type == null || type.isBlank()) {
                    problems.report("export.allow[" + i + "]", "empty type name; write a class name such as com.example.Session");
                } else {
                    allow.add(type.trim());
                }
            }
        }
        return new TypeFilter(include, exclude, topN, allow);
    }

    private List<Pattern> regexes(String key, List<String> raw) {
        List<Pattern> result = new ArrayList<>();
        if (raw != null) {
            for (int i = 0; i < raw.size(); i++) {
                Pattern p = raw.get(i) == null ? null : problems.regex(key + "[" + i + "]", raw.get(i));
                if (raw.get(i) == null) {
                    problems.report(key + "[" + i + "]", "empty pattern; remove the entry or write a regular expression");
                } else if (p != null) {
                    result.add(p);
                }
            }
        }
        return result;
    }

}
