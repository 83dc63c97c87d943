package io.leakwatch.heap.testapp;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * A target with a known culprit: {@code Registry.SESSIONS} keeps every Session ever opened.
 * Cached objects are held only through weak and soft references and must not be reported.
 */
public final class SessionLeakApp {

    private SessionLeakApp() {
    }

    /** The leaking type. */
    public static final class Session {
        final String user;
        final byte[] state = new byte[256];

        Session(String user) {
            this.user = user;
        }
    }

    /** Held only weakly or softly. */
    public static final class Cached {
        final byte[] data = new byte[128];
    }

    /** The culprit. */
    static final class Registry {
        static final List<Session> SESSIONS = new ArrayList<>();
    }

    static final List<WeakReference<Cached>> WEAK = new ArrayList<>();
    static final List<SoftReference<Cached>> SOFT = new ArrayList<>();

    public static void main(String[] args) throws InterruptedException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        for (int i = 0; i < n; i++) {
            Registry.SESSIONS.add(new Session("user-" + i));
        }
        for (int i = 0; i < 300; i++) {
            WEAK.add(new WeakReference<>(new Cached()));
            SOFT.add(new SoftReference<>(new Cached()));
        }
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
