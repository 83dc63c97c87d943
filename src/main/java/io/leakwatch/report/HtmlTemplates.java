package io.leakwatch.report;

import io.leakwatch.analysis.ChainHop;
import io.leakwatch.analysis.RetentionChain;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.extension.AbstractExtension;
import io.pebbletemplates.pebble.extension.Filter;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.EvaluationContext;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The Pebble engine behind the HTML pages. Templates are class-path resources under
 * {@value #FOLDER} ({@code analysis.peb} with its {@code suspects.peb} section, {@code diff.peb},
 * {@code allocation-sites.peb}); every value a template prints is HTML-escaped, since heap values
 * and type names come from the dumped application. Numbers are formatted by filters: {@code bytes},
 * {@code count}, {@code hex}, {@code percent(decimals)}, {@code signedCount}, {@code signedBytes};
 * {@code via} and {@code culpritHop} describe a hop and find a chain's culprit as the text report does.
 */
final class HtmlTemplates {

    static final String FOLDER = "io/leakwatch/report/html/";

    // compiled templates are cached by the engine, which is thread-safe
    private static final PebbleEngine ENGINE = new PebbleEngine.Builder()
            .loader(loader())
            .autoEscaping(true)
            .defaultEscapingStrategy("html")
            // a misspelt name in a template fails the report test instead of printing nothing
            .strictVariables(true)
            .defaultLocale(Locale.ROOT)
            .extension(new Filters())
            .build();

    private HtmlTemplates() {
    }

    /** Writes template {@code name} (without ".peb") with {@code model} to {@code out}. */
    static void render(String name, Map<String, Object> model, Writer out) {
        try {
            ENGINE.getTemplate(name).evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Template {@code name} with {@code model}, as a string. */
    static String render(String name, Map<String, Object> model) {
        StringWriter out = new StringWriter();
        render(name, model, out);
        return out.toString();
    }

    private static ClasspathLoader loader() {
        ClasspathLoader loader = new ClasspathLoader(HtmlTemplates.class.getClassLoader());
        loader.setPrefix(FOLDER);
        loader.setSuffix(".peb");
        return loader;
    }

    private static final class Filters extends AbstractExtension {
        @Override
        public Map<String, Filter> getFilters() {
            return Map.of(
                    "bytes", number(n -> Sizes.bytes(n.longValue())),
                    "count", number(n -> Sizes.count(n.longValue())),
                    "hex", number(n -> Long.toHexString(n.longValue())),
                    "signedCount", number(n -> Sizes.signedCount(n.longValue())),
                    "signedBytes", number(n -> Sizes.signedBytes(n.longValue())),
                    "percent", new OneArgument("decimals", (share, decimals) -> String.format(Locale.ROOT,
                            "%." + ((Number) decimals).intValue() + "f", ((Number) share).doubleValue() * 100)),
                    "via", typed(ChainHop.class, Sizes::via),
                    "culpritHop", typed(RetentionChain.class, ChainSummary::culpritHop));
        }

        private static Filter number(Function<Number, Object> f) {
            return typed(Number.class, f);
        }

        private static <T> Filter typed(Class<T> type, Function<T, Object> f) {
            return new OneArgument(null, (input, unused) -> f.apply(type.cast(input)));
        }
    }

    /** A filter of its input and at most one named argument. */
    private record OneArgument(String argument, BiFunction<Object, Object, Object> f) implements Filter {
        @Override
        public List<String> getArgumentNames() {
            return argument == null ? null : List.of(argument);
        }

        @Override
        public Object apply(Object input, Map<String, Object> args, PebbleTemplate self, EvaluationContext context,
                            int lineNumber) {
            return f.apply(input, argument == null ? null : args.get(argument));
        }
    }
}
