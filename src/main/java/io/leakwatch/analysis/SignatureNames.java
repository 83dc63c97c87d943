package io.leakwatch.analysis;

import java.util.regex.Pattern;

/**
 * Names as they go into a leak signature, with what differs between two runs of the same program
 * taken out: a signature must be the same after a redeploy and in every pod of a fleet, so one leak
 * is one alert group. Pure.
 *
 * <ul>
 *   <li>types: lambda and other hidden-class ids ({@code Foo$$Lambda$123/0x0000000800c0b000} and
 *       the {@code .0x...} / {@code +0x...} forms a dump writes), proxy numbers ({@code $Proxy12},
 *       {@code jdk.proxy2}), generated reflection accessors ({@code GeneratedMethodAccessor17}),
 *       CGLIB and ByteBuddy suffixes;</li>
 *   <li>thread names: every run of digits ({@code pricefeed-refresher-16},
 *       {@code pool-3-thread-7});</li>
 *   <li>references: array indexes ({@code [42]}) and identity hash codes ({@code Foo@1b6d3586}).</li>
 * </ul>
 */
public final class SignatureNames {

    private static final Pattern HIDDEN_ID = Pattern.compile("[./+]0x[0-9a-fA-F]+");
    private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda(\\$\\d+)?");
    private static final Pattern PROXY = Pattern.compile("\\$Proxy\\d+");
    private static final Pattern PROXY_MODULE = Pattern.compile("\\bjdk\\.proxy\\d+\\.");
    private static final Pattern ACCESSOR = Pattern.compile(
            "\\b(Generated(?:Serialization)?(?:Method|Constructor)Accessor)\\d+");
    private static final Pattern CGLIB = Pattern.compile("\\$\\$(EnhancerBy\\w*CGLIB|FastClassBy\\w*CGLIB|SpringCGLIB)\\$\\$\\w+");
    private static final Pattern BYTE_BUDDY = Pattern.compile("\\$(ByteBuddy|MockitoMock)\\$\\w+");
    private static final Pattern HASH = Pattern.compile("@[0-9a-fA-F]{4,16}\\b");
    private static final Pattern INDEX = Pattern.compile("\\[\\d+]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private SignatureNames() {
    }

    /** A type name without the ids the JVM or a code generator made up for this run. */
    public static String type(String name) {
        if (name.indexOf('$') < 0 && name.indexOf("0x") < 0 && name.indexOf("Accessor") < 0
                && name.indexOf("jdk.proxy") < 0 && name.indexOf('@') < 0) {
            return name;
        }
        String s = HIDDEN_ID.matcher(name).replaceAll("");
        s = LAMBDA.matcher(s).replaceAll("\\$\\$Lambda\\$*");
        s = PROXY.matcher(s).replaceAll("\\$Proxy*");
        s = PROXY_MODULE.matcher(s).replaceAll("jdk.proxy*.");
        s = ACCESSOR.matcher(s).replaceAll("$1*");
        s = CGLIB.matcher(s).replaceAll("\\$\\$$1\\$\\$*");
        s = BYTE_BUDDY.matcher(s).replaceAll("\\$$1\\$*");
        return HASH.matcher(s).replaceAll("@*");
    }

    /** A thread name with its numbers folded: {@code pricefeed-refresher-16} → {@code pricefeed-refresher-*}. */
    public static String thread(String name) {
        return DIGITS.matcher(name).replaceAll("*");
    }

    /** A hop label (type and field) with array indexes folded and its types normalised. */
    public static String hop(String label) {
        return type(INDEX.matcher(label).replaceAll("[*]"));
    }
}
