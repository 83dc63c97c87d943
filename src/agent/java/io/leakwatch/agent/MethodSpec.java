package io.leakwatch.agent;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One method whose end marks {@code this}: {@code com.example.Session#close}, optionally
 * {@code com.example.Session#close=session} to choose the label (it defaults to the method text).
 * A list travels as the agent's option string, entries separated by commas.
 */
public final class MethodSpec {

    private static final String IDENT = "[\\p{L}_$][\\p{L}\\p{N}_$]*";
    private static final Pattern FORM = Pattern.compile(
            "(" + IDENT + "(?:\\." + IDENT + ")*)#(" + IDENT + ")(?:=([^,=]+))?");

    private final String className;
    private final String methodName;
    private final String label;

    private MethodSpec(String className, String methodName, String label) {
        this.className = className;
        this.methodName = methodName;
        this.label = label;
    }

    /** Parses one entry; throws with the expected form when the text does not match it. */
    public static MethodSpec parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("marker method '" + text
                    + "' is not of the form com.example.Type#method or com.example.Type#method=label"
                    + " (use $ for nested types: com.example.Outer$Inner#close)");
        }
        String label = m.group(3) == null ? m.group(1) + "#" + m.group(2) : m.group(3).trim();
        return new MethodSpec(m.group(1), m.group(2), label);
    }

    /** Parses a comma-separated list; empty or null text is an empty list. */
    public static List<MethodSpec> parseAll(String text) {
        List<MethodSpec> specs = new ArrayList<MethodSpec>();
        if (text == null) {
            return specs;
        }
        for (String part : text.split(",")) {
            if (!part.trim().isEmpty()) {
                specs.add(parse(part));
            }
        }
        return specs;
    }

    /** The option string for a list, the inverse of {@link #parseAll}. */
    public static String join(Collection<MethodSpec> specs) {
        StringBuilder sb = new StringBuilder();
        for (MethodSpec spec : specs) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(spec);
        }
        return sb.toString();
    }

    /** Binary class name, e.g. {@code com.example.Session} or {@code com.example.Outer$Inner}. */
    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public String label() {
        return label;
    }

    /**
     * Equal when naming the same method, whatever the label: a method is advised once, under the
     * label it was first given (advising it again under a new label would count every object twice).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MethodSpec && method().equals(((MethodSpec) o).method());
    }

    @Override
    public int hashCode() {
        return method().hashCode();
    }

    private String method() {
        return className + "#" + methodName;
    }

    @Override
    public String toString() {
        return className + "#" + methodName + "=" + label;
    }
}
