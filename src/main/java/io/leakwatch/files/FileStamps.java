package io.leakwatch.files;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The one timestamp format in file and directory names ({@code 20260131T235959Z}, UTC): it sorts
 * as text in time order and holds no character a file system or a URL path objects to.
 */
public final class FileStamps {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private FileStamps() {
    }

    /** {@code instant} as {@code yyyyMMddTHHmmssZ}, to the second. */
    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
