/**
 * The daemon's configuration file: YAML read with Jackson, checked on load, mapped to immutable
 * records.
 *
 * <p>Reading happens in two passes over the same text. {@link io.leakwatch.config.LocationIndex}
 * walks the YAML tokens once and remembers where every key's value sits, so that problems found
 * after binding (a bad duration, two selectors, a duplicate name) can still name the file, line,
 * column and key. Jackson then binds the text to raw records with unknown keys rejected, and
 * {@link io.leakwatch.config.ConfigBinder} turns the raw records into {@link
 * io.leakwatch.config.LeakwatchConfig}, collecting every problem rather than stopping at the
 * first, so one run of {@code leakwatch run} shows all mistakes in the file.
 *
 * <p>Secrets (the JMX password) may be written as {@code ${ENV_VAR}} or {@code file:/path}; they
 * are resolved on load and never appear in a message.
 */
package io.leakwatch.config;
