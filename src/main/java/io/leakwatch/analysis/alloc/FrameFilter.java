package io.leakwatch.analysis.alloc;

import java.util.List;
import java.util.Objects;

/**
 * Which frames of an allocation stack are the application's.
 *
 * @param applicationPackages prefixes of application classes ({@code com.example.}); empty means
 *                            every class that is not the platform's
 * @param platformPackages    prefixes of platform classes, trimmed from the top of each stack
 * @param depth               application frames kept per stack, at least 1
 */
public record FrameFilter(List<String> applicationPackages, List<String> platformPackages, int depth) {

    /** The JDK's own packages. */
    public static final List<String> JDK_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

    public FrameFilter {
        applicationPackages = List.copyOf(applicationPackages);
        platformPackages = List.copyOf(platformPackages);
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1: " + depth);
        }
    }

    /** JDK frames trimmed, everything else is the application, three frames kept. */
    public static FrameFilter defaults() {
        return new FrameFilter(List.of(), JDK_PACKAGES, 3);
    }

    /** The same filter with {@code packages} as the application's (empty: all but the platform). */
    public FrameFilter withApplicationPackages(List<String> packages) {
        return new FrameFilter(packages, platformPackages, depth);
    }

    /** The same filter keeping {@code frames} application frames per stack. */
    public FrameFilter withDepth(int frames) {
        return new FrameFilter(applicationPackages, platformPackages, frames);
    }

    /** True when {@code frame} belongs to the application. */
    public boolean isApplication(StackFrame frame) {
        Objects.requireNonNull(frame, "frame");
        if (frame.type().contains("$$Lambda")) {
            // the JVM's hidden class behind a lambda: its caller and the lambda body say it all
            return false;
        }
        if (!applicationPackages.isEmpty()) {
            return applicationPackages.stream().anyMatch(frame.type()::startsWith);
        }
        return platformPackages.stream().noneMatch(frame.type()::startsWith);
    }

    /**
     * The stack from its first application frame on, {@link #depth()} application frames long
     * (platform frames between them are skipped); empty when no frame is the application's.
     */
    public List<StackFrame> collapse(List<StackFrame> frames) {
        return frames.stream().filter(this::isApplication).limit(depth).toList();
    }
}
