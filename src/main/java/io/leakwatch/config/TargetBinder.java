package io.leakwatch.config;

import io.leakwatch.agent.MethodSpec;
import io.leakwatch.config.RawConfig.RawMarkerMethod;
import io.leakwatch.config.RawConfig.RawMarkers;
import io.leakwatch.config.RawConfig.RawTarget;
import io.leakwatch.model.JmxTls;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.PausePolicy;
import io.leakwatch.sample.SamplingOptions;
import io.leakwatch.schedule.Schedule;
import io.leakwatch.trend.DetectorSettings;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Checks one {@code targets[]} entry: name, exactly one selector (with credentials and TLS for a
 * JMX URL), schedule, timeouts, secrets, detection overrides and marker methods.
 */
final class TargetBinder {

    static final String SELECTORS = "pid, pidFile, mainClass or jmxUrl";

    private final Problems problems;
    private final SecretResolver secrets;
    private final DetectionBinder detection;
    private final JmxTlsBinder tls;
    private final SamplingBinder sampling;

    TargetBinder(Problems problems, SecretResolver secrets) {
        this.problems = problems;
        this.secrets = secrets;
        this.detection = new DetectionBinder(problems);
        this.tls = new JmxTlsBinder(problems, secrets);
        this.sampling = new SamplingBinder(problems);
    }

    /**
     * The checked target, or empty when something in it is wrong (then reported). Its detection
     * section is laid over {@code globalDetection}, its sampling section over {@code globalPause}.
     */
    Optional<TargetConfig> bind(String key, RawTarget t, DetectorSettings globalDetection, PausePolicy globalPause) {
        int before = problems.count();
        String name = t.name();
        if (name == null) {
            problems.report(key, "missing 'name' (the target label on every series)");
        } else if (!TargetConfig.NAME.matcher(name).matches()) {
            problems.report(key + ".name", "'" + name + "' is not a valid target name; use letters, digits, '.', '_' or '-'"
                    + " (at most 63, starting with a letter or digit)");
        }
        TargetSelector selector = selector(key, t);
        Schedule schedule = schedule(key, t);
        SamplingOptions defaults = SamplingOptions.defaults();
        Duration attach = problems.duration(key + ".attachTimeout", t.attachTimeout(), defaults.attachTimeout());
        Duration call = problems.duration(key + ".callTimeout", t.callTimeout(), defaults.callTimeout());
        DetectorSettings judged = detection.bind(key + ".detection", t.detection(), globalDetection);
        MarkerSettings markers = markers(key + ".markers", t.markers());
        PausePolicy pause = sampling.bind(key + ".sampling", t.sampling(), globalPause);
        if (problems.count() > before || selector == null || schedule == null || judged == null || markers == null
                || pause == null) {
            return Optional.empty();
        }
        return Optional.of(new TargetConfig(name, selector, schedule, new SamplingOptions(attach, call, pause), judged,
                markers));
    }

    private MarkerSettings markers(String key, RawMarkers raw) {
        MarkerSettings defaults = MarkerSettings.defaults();
        if (raw == null) {
            return defaults;
        }
        Duration grace = problems.duration(key + ".grace", raw.grace(), defaults.grace());
        List<String> methods = new ArrayList<>();
        List<RawMarkerMethod> given = raw.methods() == null ? List.of() : raw.methods();
        for (int i = 0; i < given.size(); i++) {
            String at = key + ".methods[" + i + "]";
            RawMarkerMethod m = given.get(i);
            if (m == null || m.method() == null) {
                problems.report(at, "missing 'method'; write e.g. - method: com.example.Session#close");
                continue;
            }
            if (m.label() != null && (m.label().isBlank() || m.label().contains(",") || m.label().contains("="))) {
                problems.report(at + ".label", "'" + m.label() + "' is not a usable label; give a non-empty name"
                        + " without ',' or '='");
                continue;
            }
            String spec = m.method().trim() + (m.label() == null ? "" : "=" + m.label().trim());
            try {
                MethodSpec.parse(spec);
                methods.add(spec);
            } catch (IllegalArgumentException e) {
                problems.report(at + ".method", e.getMessage());
            }
        }
        return grace == null ? null : new MarkerSettings(methods, grace);
    }

    private TargetSelector selector(String key, RawTarget t) {
        List<String> given = new ArrayList<>();
        if (t.pid() != null) given.add("pid");
        if (t.pidFile() != null) given.add("pidFile");
        if (t.mainClass() != null) given.add("mainClass");
        if (t.jmxUrl() != null) given.add("jmxUrl");
        if (t.jmxUrl() == null && (t.username() != null || t.password() != null)) {
            problems.report(key + (t.username() != null ? ".username" : ".password"),
                    "username and password are only for a jmxUrl target");
        }
        if (t.jmxUrl() == null && t.jmxTls() != null) {
            problems.report(key + ".jmxTls", "jmxTls is only for a jmxUrl target; local JVMs are reached through"
                    + " their local management agent");
        }
        if (given.isEmpty()) {
            problems.report(key, "no selector; give exactly one of " + SELECTORS);
            return null;
        }
        if (given.size() > 1) {
            problems.report(key + "." + given.get(1), "both " + given.get(0) + " and " + given.get(1)
                    + " given; give exactly one of " + SELECTORS);
            return null;
        }
        return switch (given.get(0)) {
            case "pid" -> pid(key + ".pid", t.pid());
            case "pidFile" -> {
                Path p = problems.path(key + ".pidFile", t.pidFile());
                yield p == null ? null : new TargetSelector.PidFile(p);
            }
            case "mainClass" -> {
                Pattern p = problems.regex(key + ".mainClass", t.mainClass());
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
        problems.report(key, "'" + text + "' is not a process id; write a positive whole number");
        return null;
    }

    private TargetSelector jmx(String key, RawTarget t) {
        if (!t.jmxUrl().startsWith("service:jmx:")) {
            problems.report(key + ".jmxUrl", "'" + t.jmxUrl() + "' is not a JMX service URL; it starts with service:jmx:,"
                    + " e.g. service:jmx:rmi:///jndi/rmi://host:9010/jmxrmi");
            return null;
        }
        if ((t.username() == null) != (t.password() == null)) {
            problems.report(key + (t.username() == null ? ".password" : ".username"),
                    "username and password go together; give both or neither");
            return null;
        }
        String password = null;
        if (t.password() != null) {
            try {
                password = secrets.resolve(t.password());
            } catch (SecretResolver.SecretException e) {
                problems.report(key + ".password", e.getMessage());
                return null;
            }
        }
        if (t.jmxTls() == null) {
            return new TargetSelector.JmxUrl(t.jmxUrl(), t.username(), password);
        }
        JmxTls bound = tls.bind(key + ".jmxTls", t.jmxTls()).orElse(null);
        return bound == null ? null : new TargetSelector.JmxUrl(t.jmxUrl(), t.username(), password, bound);
    }

    private Schedule schedule(String key, RawTarget t) {
        if (t.interval() != null && t.cron() != null) {
            problems.report(key + ".cron", "both interval and cron given; give one of them");
            return null;
        }
        if (t.cron() != null) {
            try {
                CronExpression.validateExpression(t.cron());
                return new Schedule.Cron(t.cron());
            } catch (ParseException e) {
                problems.report(key + ".cron", "'" + t.cron() + "' is not a Quartz cron expression (" + e.getMessage()
                        + "); six or seven fields starting with seconds, e.g. \"0 * * * * ?\"");
                return null;
            }
        }
        Duration interval = problems.duration(key + ".interval", t.interval(), Duration.ofSeconds(60));
        return interval == null ? null : new Schedule.Every(interval);
    }
}
