package io.leakwatch.config;

import java.util.List;
import java.util.stream.Collectors;

/** A config file that cannot be used; lists every problem found, each with file, line and key. */
public final class ConfigException extends Exception {

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a config error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** The problems, in file order as found. */
    public List<ConfigProblem> problems() {
        return problems;
    }
}
