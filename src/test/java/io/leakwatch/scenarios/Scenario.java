package io.leakwatch.scenarios;

import java.util.List;
import java.util.Objects;

/**
 * One program of the detection benchmark and what a good detector says about it.
 *
 * @param name       the target name in the daemon's config and the row in the table
 * @param program    the main class, run in its own JVM
 * @param leak       whether it leaks
 * @param culprit    for a leak, the field the top retention chain must name, as chains print it
 *                   ({@code SimpleClassName.field}); empty for a non-leak
 * @param onsetSecs  seconds after the program is ready until its leak starts (0 for at once)
 * @param jvmOptions options of its JVM
 * @param args       its parameters (rates, sizes, onset)
 * @param what       one line for the table
 */
public record Scenario(String name, Class<?> program, boolean leak, String culprit, int onsetSecs,
                       List<String> jvmOptions, List<String> args, String what) {

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(culprit, "culprit");
        jvmOptions = List.copyOf(jvmOptions);
        args = List.copyOf(args);
        if (leak == culprit.isEmpty()) {
            throw new IllegalArgumentException(name + ": a leak names its culprit, a non-leak none");
        }
    }

    static Scenario leak(String name, Class<?> program, Class<?> holder, String field, int onsetSecs,
                         String what, String... args) {
        return new Scenario(name, program, true, simpleName(holder) + "." + field, onsetSecs,
                List.of("-Xmx256m", "-XX:+UseSerialGC"), List.of(args), what);
    }

    static Scenario clean(String name, Class<?> program, String what, String... args) {
        return new Scenario(name, program, false, "", 0, List.of("-Xmx256m", "-XX:+UseSerialGC"), List.of(args), what);
    }

    Scenario withJvmOptions(String... options) {
        return new Scenario(name, program, leak, culprit, onsetSecs, List.of(options), args, what);
    }

    /** The class name as a chain prints it: without the package, nested classes with '$'. */
    static String simpleName(Class<?> type) {
        String n = type.getName();
        return n.substring(n.lastIndexOf('.') + 1);
    }
}
