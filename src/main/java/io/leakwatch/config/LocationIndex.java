package io.leakwatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key (or list element) sits in the file, by dotted path ({@code targets[1].cron}), found by one
 * walk over the parser's tokens. Lets checks made after binding point at the line at fault.
 */
final class LocationIndex {

    private final Map<String, JsonLocation> locations = new HashMap<>();

    /** Thrown when the text is not well-formed; carries the path reached so far. */
    static final class WalkException extends IOException {
        final String path;

        WalkException(String path, IOException cause) {
            super(cause.getMessage(), cause);
            this.path = path;
        }
    }

    static LocationIndex of(JsonParser parser) throws WalkException {
        LocationIndex index = new LocationIndex();
        String[] reached = {""};
        try {
            JsonToken first = parser.nextToken();
            if (first != null) {
                index.value(parser, "", reached);
            }
        } catch (WalkException e) {
            throw e;
        } catch (IOException e) {
            throw new WalkException(reached[0], e);
        }
        return index;
    }

    private void value(JsonParser p, String path, String[] reached) throws IOException {
        reached[0] = path;
        locations.putIfAbsent(path, p.currentTokenLocation());
        JsonToken token = p.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = path.isEmpty() ? p.currentName() : path + "." + p.currentName();
                reached[0] = key;
                locations.put(key, p.currentTokenLocation());
                p.nextToken();
                value(p, key, reached);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                value(p, path + "[" + i++ + "]", reached);
            }
        }
    }

    /** The location of {@code path}, or of its nearest enclosing key that is in the file. */
    JsonLocation locate(String path) {
        String p = path;
        while (true) {
            JsonLocation l = locations.get(p);
            if (l != null || p.isEmpty()) {
                return l == null ? JsonLocation.NA : l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    /** True when the key is written in the file (with any value, even null). */
    boolean present(String path) {
        return locations.containsKey(path);
    }
}
