package io.leakwatch.scenarios;

import java.util.ArrayList;
import java.util.List;

/**
 * Leak: each request registers a listener on a long-lived event bus and never removes it; the
 * listener captures the request's context. {@code args[0]} requests per second (1 KiB context each).
 */
public final class ListenerLeak {

    static final EventBus BUS = new EventBus();

    interface Listener {
        void onEvent(String event);
    }

    static final class EventBus {
        private final List<Listener> listeners = new ArrayList<>();

        synchronized void register(Listener l) {
            listeners.add(l);
        }

        synchronized void publish(String event) {
            for (Listener l : listeners) {
                l.onEvent(event);
            }
        }
    }

    static final class RequestContext implements Listener {
        private final byte[] state = new byte[1024];
        private int seen;

        @Override
        public void onEvent(String event) {
            seen += event.length() + state.length;
        }
    }

    private ListenerLeak() {
    }

    public static void main(String[] args) throws Exception {
        int perSecond = ScenarioProgram.arg(args, 0, 80);
        long[] tick = {0};
        ScenarioProgram.run(100, t -> {
            for (int i = 0; i < perSecond / 10; i++) {
                BUS.register(new RequestContext());
            }
            if (++tick[0] % 10 == 0) {
                BUS.publish("price-update");
            }
            ScenarioProgram.garbage(64);
        });
    }
}
