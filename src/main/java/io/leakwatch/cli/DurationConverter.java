package io.leakwatch.cli;

import io.leakwatch.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/** Command-line durations in the config file's form ({@code 2s}, {@code 500ms}, {@code 5m}). */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        return Durations.parse(value).orElseThrow(() -> new CommandLine.TypeConversionException(Durations.hint(value)));
    }
}
