package io.leakwatch.markers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A target application that uses the marker library: reads commands from stdin, acknowledges each.
 * {@code die LABEL N} marks N objects it drops at once; {@code keep LABEL N} marks N objects it
 * keeps in a static list (a leak); {@code release} clears that list; {@code handles N} opens and
 * closes N {@link Handle}s and keeps them (a leak the agent can mark through {@code close()}).
 */
public final class MarkingProgram {

    private static final List<Object> KEPT = new ArrayList<>();

    private MarkingProgram() {
    }

    /** A resource whose {@code close()} the agent may instrument in a program that marks too. */
    public static final class Handle {
        private boolean open = true;

        public void close() {
            open = false;
        }

        public boolean isOpen() {
            return open;
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "die" -> {
                    for (int i = 0; i < Integer.parseInt(words[2]); i++) {
                        LeakMarkers.expectGone(new byte[64], words[1]);
                    }
                }
                case "keep" -> {
                    for (int i = 0; i < Integer.parseInt(words[2]); i++) {
                        Object leaked = new byte[64];
                        KEPT.add(leaked);
                        LeakMarkers.expectGone(leaked, words[1]);
                    }
                }
                case "release" -> KEPT.clear();
                case "handles" -> {
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        Handle handle = new Handle();
                        handle.close();
                        KEPT.add(handle);
                    }
                }
                default -> throw new IllegalArgumentException("unknown command " + line);
            }
            System.out.println("ok " + words[0]);
        }
    }
}
