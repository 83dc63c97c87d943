package io.leakwatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Reads and checks a LeakWatch YAML config. Any problem comes back as a {@link ConfigException}
 * naming file, line, column and key; nothing is half-loaded.
 */
public final class ConfigReader {

    private final YAMLMapper mapper = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final UnaryOperator<String> environment;

    /** A reader resolving {@code ${VAR}} secrets from the process environment. */
    public ConfigReader() {
        this(System::getenv);
    }

    /** A reader resolving {@code ${VAR}} secrets through {@code environment}. */
    public ConfigReader(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    /** Reads {@code file}. */
    public LeakwatchConfig read(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(file.toString(), 0, 0, "",
                    "cannot read the config file (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")"));
        }
        return read(file.toString(), text);
    }

    /** Reads {@code yaml}, naming it {@code fileName} in messages. */
    public LeakwatchConfig read(String fileName, String yaml) throws ConfigException {
        LocationIndex index;
        try (JsonParser parser = mapper.createParser(yaml)) {
            index = LocationIndex.of(parser);
        } catch (LocationIndex.WalkException e) {
            JsonLocation at = e.getCause() instanceof JsonProcessingException j ? j.getLocation() : JsonLocation.NA;
            String why = e.getCause() instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ConfigException(problem(fileName, at, e.path, "not valid YAML: " + oneLine(why)));
        } catch (IOException e) {
            throw new ConfigException(problem(fileName, JsonLocation.NA, "", "not valid YAML: " + oneLine(e.getMessage())));
        }
        if (!index.present("")) {
            throw new ConfigException(problem(fileName, JsonLocation.NA, "", "the file is empty; it needs at least a 'targets' list"));
        }
        RawConfig raw;
        try {
            raw = mapper.readValue(yaml, RawConfig.class);
        } catch (JsonMappingException e) {
            // Jackson buffers record properties, so its own location may lie past the key at fault.
            String key = key(e.getPath());
            JsonLocation at = index.present(key) ? index.locate(key) : e.getLocation();
            throw new ConfigException(problem(fileName, at, key, explain(e)));
        } catch (JsonProcessingException e) {
            throw new ConfigException(problem(fileName, e.getLocation(), "", "not valid YAML: " + oneLine(e.getOriginalMessage())));
        }
        return new ConfigBinder(fileName, index, new SecretResolver(environment)).bind(raw);
    }

    private static String explain(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            return "unknown key '" + u.getPropertyName() + "'; allowed here: "
                    + String.join(", ", new TreeSet<>(known.stream().map(String::valueOf).toList()));
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return "wrong kind of value; expected " + describe(m.getTargetType());
        }
        return oneLine(e.getOriginalMessage());
    }

    private static String describe(Type type) {
        if (type instanceof Class<?> c) {
            if (Collection.class.isAssignableFrom(c)) {
                return "a list";
            }
            if (c == String.class) {
                return "a single value (text or number)";
            }
            if (c.isRecord()) {
                return "a section of keys";
            }
        }
        return type.getTypeName();
    }

    private static String key(List<JsonMappingException.Reference> path) {
        StringBuilder key = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            if (r.getFieldName() != null) {
                key.append(key.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                key.append('[').append(r.getIndex()).append(']');
            }
        }
        return key.toString();
    }

    private static ConfigProblem problem(String file, JsonLocation at, String key, String message) {
        JsonLocation l = at == null ? JsonLocation.NA : at;
        return new ConfigProblem(file, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0), key, message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
