package io.leakwatch.attach;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A target application that knows nothing of LeakWatch: it opens and closes {@link Session}s on
 * command from stdin. {@code cycle N K} opens N sessions, closes them all and leaks the first K in
 * a static list; {@code release} clears the list. Each command is acknowledged with a running
 * count of closes, so a test sees the program still works. {@code isolated} closes and leaks a
 * session whose class comes from a class loader that delegates only to the platform loader, so it
 * sees neither the agent jar nor the marker library on the class path.
 */
public final class SessionProgram {

    private static final List<Session> LEAKED = new ArrayList<>();
    private static final List<Object> LEAKED_ISOLATED = new ArrayList<>();
    private static long closes;

    private SessionProgram() {
    }

    /** The class whose {@code close()} the agent instruments. */
    public static final class Session {
        private final byte[] state = new byte[128];

        public void close() {
            if (state.length == 0) {
                throw new IllegalStateException("closed twice");
            }
            closes++;
        }
    }

    private static void closeInIsolatedLoader() throws Exception {
        URL classes = SessionProgram.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = isolated.loadClass(Session.class.getName());
            Object session = type.getConstructor().newInstance();
            type.getMethod("close").invoke(session);
            LEAKED_ISOLATED.add(session);
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("ready");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "cycle" -> {
                    int keep = Integer.parseInt(words[2]);
                    for (int i = 0; i < Integer.parseInt(words[1]); i++) {
                        Session session = new Session();
                        session.close();
                        if (i < keep) {
                            LEAKED.add(session);
                        }
                    }
                }
                case "release" -> {
                    LEAKED.clear();
                    LEAKED_ISOLATED.clear();
                }
                case "isolated" -> closeInIsolatedLoader();
                default -> throw new IllegalArgumentException("unknown command " + line);
            }
            System.out.println("ok " + words[0] + " closes=" + closes);
        }
    }
}
