package io.leakwatch.demo;

import io.leakwatch.markers.LeakMarkers;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The demo's target: a small service that leaks the classic way. Every simulated request opens a
 * {@link QuoteSession} that subscribes a {@link SessionListener} to the long-lived {@link
 * PriceFeed} and never unsubscribes, so each finished session stays reachable from the feed's
 * listener list, with its buffer. Other garbage is made and dropped, as real services do.
 *
 * <p>The service uses the marker library the way an application would: when a request ends it
 * closes its session and declares it dead with {@link LeakMarkers#expectGone}, so LeakWatch also
 * reports the closed sessions that stay alive, and the heap analysis explains why.
 *
 * <p>Prints {@code ready} once serving, and exits when its standard input closes, so it never
 * outlives the daemon that started it.
 */
public final class LeakyService {

    /** A feed that lives as long as the service and keeps every listener it is given. */
    static final class PriceFeed {
        private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

        void subscribe(SessionListener l) {
            listeners.add(l);
        }

        int size() {
            return listeners.size();
        }
    }

    /** Registered by each session; holds the session, so the session cannot be collected. */
    static final class SessionListener {
        private final QuoteSession session;

        SessionListener(QuoteSession session) {
            this.session = session;
        }

        @Override
        public String toString() {
            return "listener of session " + session.id;
        }
    }

    /** Per-request state, meant to die when the request ends. */
    static final class QuoteSession {
        private final long id;
        private final byte[] buffer;

        QuoteSession(long id, int bufferBytes) {
            this.id = id;
            this.buffer = new byte[bufferBytes];
            buffer[0] = (byte) id;
        }

        /** Ends the session: from now on nothing should need it. */
        void close() {
            LeakMarkers.expectGone(this, "quote-session");
        }
    }

    private static final PriceFeed FEED = new PriceFeed();

    private LeakyService() {
    }

    /** Args: requests per second (default 200), session buffer bytes (default 512). */
    public static void main(String[] args) throws Exception {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int bufferBytes = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        ScheduledExecutorService requests = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "requests");
            t.setDaemon(true);
            return t;
        });
        long[] next = {0};
        requests.scheduleAtFixedRate(() -> {
            for (int i = 0; i < perSecond / 10; i++) {
                handleRequest(next[0]++, bufferBytes);
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        System.out.flush();
        waitForStdinToClose(System.in);
        requests.shutdownNow();
        System.exit(0);
    }

    private static void handleRequest(long id, int bufferBytes) {
        QuoteSession session = new QuoteSession(id, bufferBytes);
        FEED.subscribe(new SessionListener(session));
        List<String> scratch = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            scratch.add("quote-" + id + "-" + i);
        }
        if (scratch.size() != 8 || FEED.size() < 0) {
            throw new IllegalStateException("unreachable");
        }
        session.close();
    }

    private static void waitForStdinToClose(InputStream in) {
        byte[] sink = new byte[256];
        try {
            while (in.read(sink) >= 0) {
                // input is ignored; only its end matters
            }
        } catch (IOException e) {
            // a broken pipe means the parent is gone too
        }
    }
}
