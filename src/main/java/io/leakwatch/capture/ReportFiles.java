package io.leakwatch.capture;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maps a request path under {@code /reports/} to a report file inside the capture root, for the
 * HTTP layer. Only report files are served (never dumps, whatever the policy kept), and nothing
 * outside the root: {@code ..}, absolute paths, encoded or double-encoded traversal, hidden files
 * and symbolic links that lead out of the root are all rejected.
 */
public final class ReportFiles {

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "json", "application/json");

    private final Path root;

    /** Serves report files below {@code root} (the capture root). */
    public ReportFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /**
     * Resolves {@code requestPath}, the raw (still percent-encoded) part of the URL path after
     * {@code /reports/}, e.g. {@code orders-20261125T100000Z-4242/report.html}.
     */
    public Resolution resolve(String requestPath) {
        if (requestPath == null || requestPath.isEmpty()) {
            return new Resolution.Rejected(404, "no report named");
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(requestPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Resolution.Rejected(400, "malformed percent-encoding");
        }
        if (decoded.contains("%")) {
            return new Resolution.Rejected(400, "encoded '%' (double encoding) is not allowed");
        }
        if (decoded.startsWith("/")) {
            return new Resolution.Rejected(400, "absolute paths are not allowed");
        }
        String[] segments = decoded.split("/", -1);
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                return new Resolution.Rejected(400, "path segment '" + segment + "' is not allowed");
            }
        }
        String name = segments[segments.length - 1];
        String contentType = CONTENT_TYPES.get(extension(name));
        if (contentType == null) {
            return new Resolution.Rejected(404, "only .html, .txt and .json reports are served");
        }
        Path candidate = root.resolve(decoded).normalize();
        if (!candidate.startsWith(root)) {
            return new Resolution.Rejected(400, "path leaves the reports directory");
        }
        try {
            if (!Files.isRegularFile(candidate)) {
                return new Resolution.Rejected(404, "no such report");
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(root.toRealPath()) || !Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return new Resolution.Rejected(404, "no such report");
            }
            return new Resolution.Found(real, contentType);
        } catch (IOException e) {
            return new Resolution.Rejected(404, "no such report");
        }
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** A report file to serve, or why the request gets none. */
    public sealed interface Resolution {
        /** Serve {@code file} (a real path inside the root) with {@code contentType}. */
        record Found(Path file, String contentType) implements Resolution {
        }

        /** Answer {@code status} (400 or 404); {@code reason} is for logs, not for the client. */
        record Rejected(int status, String reason) implements Resolution {
        }
    }
}
