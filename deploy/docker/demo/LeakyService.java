import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A deliberately leaky "service" for the compose demo: every request registers a listener on a
 * long-lived event bus and never removes it, so the live heap after GC rises steadily.
 * Run: java -Xmx128m -cp /opt/leakwatch/demo LeakyService [listenersPerSecond]
 */
public final class LeakyService {

    /** Lives as long as the process: everything it references stays reachable. */
    static final List<Listener> BUS = new ArrayList<>();

    /** A listener holding a request's payload, as a careless handler would. */
    static final class Listener {
        final byte[] payload = new byte[1024];
        final long requestId;

        Listener(long requestId) {
            this.requestId = requestId;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        int perSecond = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        System.out.println("ready: leaking " + perSecond + " listeners/s");
        long id = 0;
        while (true) {
            for (int i = 0; i < perSecond; i++) {
                BUS.add(new Listener(id++));
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }
}
