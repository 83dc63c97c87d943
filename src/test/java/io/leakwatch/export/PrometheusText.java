package io.leakwatch.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (0.0.4) for tests: every sample must
 * belong to a family declared before it with {@code # HELP} and {@code # TYPE}, names and label
 * syntax must be valid, values must parse. Fails with the line at fault.
 */
public final class PrometheusText {

    /** One sample line. */
    public record Series(String name, Map<String, String> labels, double value) {
    }

    /** A metric family: its TYPE, HELP and samples. */
    public record Family(String name, String type, String help, List<Series> series) {
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final List<String> SUFFIXES = List.of("_count", "_sum", "_bucket", "_created");

    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusText() {
    }

    public static PrometheusText parse(String text) {
        PrometheusText parsed = new PrometheusText();
        Map<String, String> help = new LinkedHashMap<>();
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                require(NAME.matcher(parts[0]).matches(), n, line, "bad name in HELP");
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ");
                require(parts.length == 2 && NAME.matcher(parts[0]).matches(), n, line, "bad TYPE line");
                require(List.of("counter", "gauge", "summary", "histogram", "untyped").contains(parts[1]), n, line, "bad type");
                require(!parsed.families.containsKey(parts[0]), n, line, "family declared twice");
                parsed.families.put(parts[0], new Family(parts[0], parts[1], help.get(parts[0]), new ArrayList<>()));
            } else if (line.startsWith("#")) {
                continue;
            } else {
                Series s = series(line, n);
                Family f = parsed.familyOf(s.name());
                require(f != null, n, line, "sample of an undeclared family");
                f.series().add(s);
            }
        }
        return parsed;
    }

    private Family familyOf(String sampleName) {
        if (families.containsKey(sampleName)) {
            return families.get(sampleName);
        }
        for (String suffix : SUFFIXES) {
            if (sampleName.endsWith(suffix)) {
                Family f = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    private static Series series(String line, int n) {
        Matcher name = NAME.matcher(line);
        require(name.lookingAt(), n, line, "no metric name");
        int at = name.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            int close = line.indexOf("} ", at);
            require(close > 0, n, line, "unclosed labels");
            String body = line.substring(at + 1, close);
            Matcher l = LABEL.matcher(body);
            int pos = 0;
            while (pos < body.length()) {
                require(l.find(pos) && l.start() == pos, n, line, "bad label syntax");
                labels.put(l.group(1), l.group(2).replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\"));
                pos = l.end();
                if (pos < body.length()) {
                    require(body.charAt(pos) == ',', n, line, "labels not separated by ','");
                    pos++;
                }
            }
            at = close + 1;
        }
        String[] rest = line.substring(at).trim().split(" ");
        require(rest.length >= 1 && rest.length <= 2, n, line, "bad value part");
        double value;
        try {
            value = switch (rest[0]) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> Double.parseDouble(rest[0]);
            };
        } catch (NumberFormatException e) {
            throw new AssertionError("line " + n + ": bad value: " + line);
        }
        return new Series(line.substring(0, name.end()), labels, value);
    }

    private static void require(boolean ok, int n, String line, String why) {
        if (!ok) {
            throw new AssertionError("line " + n + ": " + why + ": " + line);
        }
    }

    public Map<String, Family> families() {
        return families;
    }

    public Optional<Family> family(String name) {
        return Optional.ofNullable(families.get(name));
    }

    /** The value of the sample named {@code name} whose labels include all of {@code labels}. */
    public Optional<Double> value(String name, Map<String, String> labels) {
        return all(name, labels).stream().findFirst().map(Series::value);
    }

    /** All samples named {@code name} whose labels include all of {@code labels}. */
    public List<Series> all(String name, Map<String, String> labels) {
        Family f = familyOf(name);
        if (f == null) {
            return List.of();
        }
        return f.series().stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                .toList();
    }
}
