package io.leakwatch.deploy;

import io.leakwatch.markers.LeakMarkers;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The leaky target of the end-to-end tests: an event source whose listener list only grows, each
 * listener holding a request's state. Prints {@code ready}, then leaks until killed.
 *
 * <p>It uses the marker library as an application would: when a request ends, its listener is
 * declared dead with {@link LeakMarkers#expectGone}, so the leaked listeners also show up as marker
 * survivors (label {@value #MARKER_LABEL}).
 * Args: listeners per second (default 400), bytes of state per listener (default 1024).
 */
public final class LeakyListenerApp {

    /** Registered per request and never removed: the leak. */
    static final class RequestListener {
        private final long requestId;
        private final byte[] state;

        RequestListener(long requestId, int bytes) {
            this.requestId = requestId;
            this.state = new byte[bytes];
            state[0] = (byte) requestId;
        }

        long requestId() {
            return requestId;
        }
    }

    /** The marker label of ended requests' listeners. */
    static final String MARKER_LABEL = "request-listener";

    private static final List<RequestListener> LISTENERS = new ArrayList<>();

    private LeakyListenerApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        System.out.flush();
        long id = 0;
        while (true) {
            for (int i = 0; i < perSecond / 10; i++) {
                RequestListener listener = new RequestListener(id++, bytes);
                LISTENERS.add(listener);
                garbage(id);
                // the request is over; the forgotten registration keeps its listener alive
                LeakMarkers.expectGone(listener, MARKER_LABEL);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Short-lived allocation beside the leak, as a real service makes. */
    private static void garbage(long id) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append("event-").append(id).append('-').append(i);
        }
        if (sb.length() == 0 || LISTENERS.get(LISTENERS.size() - 1).requestId() < 0) {
            throw new IllegalStateException("unreachable");
        }
    }
}
