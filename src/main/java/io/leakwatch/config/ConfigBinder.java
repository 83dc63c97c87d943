package io.leakwatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import io.leakwatch.config.RawConfig.RawExport;
import io.leakwatch.config.RawConfig.RawHttp;
import io.leakwatch.config.RawConfig.RawTarget;
import io.leakwatch.export.TypeFilter;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.SamplingOptions;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.quartz.CronExpression;

/**
 * Turns the raw bound file into checked records, collecting every problem with the location of
 * the key at fault. One instance per file read.
 */
final class ConfigBinder {

    private static final String SELECTORS = "pid, pidFile, mainClass or jmxUrl";

    private final String file;
    private final LocationIndex index;
    private final SecretResolver secrets;
    private final List<ConfigProblem> problems = new ArrayList<>();

    ConfigBinder(String file, LocationIndex index, SecretResolver secrets) {
        this.file = file;
        this.index = index;
        this.secrets = secrets;
    }

    LeakwatchConfig bind(RawConfig raw) throws ConfigException {
        if (raw == null) {
            throw new ConfigException(problem("", "the file is empty; it needs at least a 'targets' list"));
        }
        List<TargetConfig> targets = targets(raw.targets());
        HttpSettings http = http(raw.http());
        Path dataDir = raw.dataDir() == null ? LeakwatchConfig.DEFAULT_DATA_DIR : path("dataDir", raw.dataDir());
        TypeFilter export = export(raw.export());
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new LeakwatchConfig(targets, http, dataDir, export);
    }

    private List<TargetConfig> targets(List<RawTarget> raw) {
        if (raw == null || raw.isEmpty()) {
            report("targets", "no targets; add at least one entry with a name and one of " + SELECTORS);
            return List.of();
        }
        List<TargetConfig> result = new ArrayList<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (int i = 0; i < raw.size(); i++) {
            String key = "targets[" + i + "]";
            RawTarget t = raw.get(i);
            if (t == null) {
                report(key, "empty target entry; give a name and one of " + SELECTORS);
                continue;
            }
            Optional<TargetConfig> bound = target(key, t);
            if (bound.isPresent()) {
                String name = bound.get().name();
                int line = index.locate(key + ".name").getLineNr();
                Integer earlier = firstLine.putIfAbsent(name, line);
                if (earlier != null) {
                    report(key + ".name", "duplicate target name '" + name + "' (first used on line " + earlier
                            + "); target names must be unique");
                } else {
                    result.add(bound.get());
                }
            }
        }
        return result;
    }

    private Optional<TargetConfig> target(String key, RawTarget t) {
        int before = problems.size();
        String name = t.name();
        if (name == null) {
            report(key, "missing 'name' (the target label on every series)");
        } else if (!TargetConfig.NAME.matcher(name).matches()) {
            report(key + ".name", "'" + name + "' is not a valid target name; use letters, digits, '.', '_' or '-'"
                    + " (at most 63, starting with a letter or digit)");
        }
        TargetSelector selector = selector(key, t);
        Schedule schedule = schedule(key, t);
        SamplingOptions defaults = SamplingOptions.defaults();
        Duration attach = duration(key + ".attachTimeout", t.attachTimeout(), defaults.attachTimeout());
        Duration call = duration(key + ".callTimeout", t.callTimeout(), defaults.callTimeout());
        if (problems.size() > before || selector == null || schedule == null) {
            return Optional.empty();
        }
        return Optional.of(new TargetConfig(name, selector, schedule, new SamplingOptions(attach, call)));
    }

    private TargetSelector selector(String key, RawTarget t) {
        List<String> given = new ArrayList<>();
        if (t.pid() != null) given.add("pid");
        if (t.pidFile() != null) given.add("pidFile");
        if (t.mainClass() != null) given.add("mainClass");
        if (t.jmxUrl() != null) given.add("jmxUrl");
        if (t.jmxUrl() == null && (t.username() != null || t.password() != null)) {
            report(key + (t.username() != null ? ".username" : ".password"),
                    "username and password are only for a jmxUrl target");
        }
        if (given.isEmpty()) {
            report(key, "no selector; give exactly one of " + SELECTORS);
            return null;
        }
        if (given.size() > 1) {
            report(key + "." + given.get(1), "both " + given.get(0) + " and " + given.get(1)
                    + " given; give exactly one of " + SELECTORS);
            return null;
        }
        return switch (given.get(0)) {
            case "pid" -> pid(key + ".pid", t.pid());
            case "pidFile" -> {
                Path p = path(key + ".pidFile", t.pidFile());
                yield p == null ? null : new TargetSelector.PidFile(p);
            }
            case "mainClass" -> {
                Pattern p = regex(key + ".mainClass", t.mainClass());
                yield p == null ? null : new TargetSelector.MainClass(p);
            }
            default -> jmx(key, t);
        };
    }

    private TargetSelector pid(String key, String text) {
        try {
            long pid = Long.parseLong(text.trim());
            if (pid > 0) {
                return new TargetSelector.Pid(pid);
            }
        } catch (NumberFormatException e) {
            // reported below with the fix
        }
        report(key, "'" + text + "' is not a process id; write a positive whole number");
        return null;
    }

    private TargetSelector jmx(String key, RawTarget t) {
        if (!t.jmxUrl().startsWith("service:jmx:")) {
            report(key + ".jmxUrl", "'" + t.jmxUrl() + "' is not a JMX service URL; it starts with service:jmx:,"
                    + " e.g. service:jmx:rmi:///jndi/rmi://host:9010/jmxrmi");
            return null;
        }
        if ((t.username() == null) != (t.password() == null)) {
            report(key + (t.username() == null ? ".password" : ".username"),
                    "username and password go together; give both or neither");
            return null;
        }
        String password = null;
        if (t.password() != null) {
            try {
                password = secrets.resolve(t.password());
            } catch (SecretResolver.SecretException e) {
                report(key + ".password", e.getMessage());
                return null;
            }
        }
        return new TargetSelector.JmxUrl(t.jmxUrl(), t.username(), password);
    }

    private Schedule schedule(String key, RawTarget t) {
        if (t.interval() != null && t.cron() != null) {
            report(key + ".cron", "both interval and cron given; give one of them");
            return null;
        }
        if (t.cron() != null) {
            try {
                CronExpression.validateExpression(t.cron());
                return new Schedule.Cron(t.cron());
            } catch (ParseException e) {
                report(key + ".cron", "'" + t.cron() + "' is not a Quartz cron expression (" + e.getMessage()
                        + "); six or seven fields starting with seconds, e.g. \"0 * * * * ?\"");
                return null;
            }
        }
        Duration interval = duration(key + ".interval", t.interval(), Duration.ofSeconds(60));
        return interval == null ? null : new Schedule.Every(interval);
    }

    private HttpSettings http(RawHttp raw) {
        HttpSettings defaults = HttpSettings.defaults();
        if (raw == null) {
            return defaults;
        }
        String address = raw.address() == null ? defaults.address() : raw.address().trim();
        if (address.isEmpty()) {
            report("http.address", "empty address; write an interface address such as 127.0.0.1");
        }
        int port = defaults.port();
        if (raw.port() != null) {
            port = integer("http.port", raw.port(), 0, 65535).orElse(defaults.port());
        }
        return new HttpSettings(address.isEmpty() ? defaults.address() : address, port);
    }

    private TypeFilter export(RawExport raw) {
        if (raw == null) {
            return TypeFilter.defaults();
        }
        List<Pattern> include = regexes("export.include", raw.include());
        List<Pattern> exclude = regexes("export.exclude", raw.exclude());
        int topN = raw.topN() == null ? TypeFilter.DEFAULT_TOP_N
                : integer("export.topN", raw.topN(), 0, 10_000).orElse(TypeFilter.DEFAULT_TOP_N);
        LinkedHashSet<String> allow = new LinkedHashSet<>();
        if (raw.allow() != null) {
            for (int i = 0; i < raw.allow().size(); i++) {
                String type = raw.allow().get(i);
                if (type == null || type.isBlank()) {
                    report("export.allow[" + i + "]", "empty type name; write a class name such as com.example.Session");
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
                Pattern p = raw.get(i) == null ? null : regex(key + "[" + i + "]", raw.get(i));
                if (raw.get(i) == null) {
                    report(key + "[" + i + "]", "empty pattern; remove the entry or write a regular expression");
                } else if (p != null) {
                    result.add(p);
                }
            }
        }
        return result;
    }

    private Pattern regex(String key, String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            report(key, "'" + text + "' is not a valid regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
            return null;
        }
    }

    private Duration duration(String key, String text, Duration absent) {
        if (text == null) {
            return absent;
        }
        Optional<Duration> d = Durations.parse(text);
        if (d.isEmpty()) {
            report(key, Durations.hint(text));
            return null;
        }
        return d.get();
    }

    private Optional<Integer> integer(String key, String text, int min, int max) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n >= min && n <= max) {
                return Optional.of(n);
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        report(key, "'" + text + "' is not a whole number from " + min + " to " + max);
        return Optional.empty();
    }

    private Path path(String key, String text) {
        if (text.isBlank()) {
            report(key, "empty path");
            return null;
        }
        return Path.of(text.trim());
    }

    private void report(String key, String message) {
        problems.add(problem(key, message));
    }

    private ConfigProblem problem(String key, String message) {
        JsonLocation at = index.locate(key);
        return new ConfigProblem(file, Math.max(at.getLineNr(), 0), Math.max(at.getColumnNr(), 0), key, message);
    }
}
