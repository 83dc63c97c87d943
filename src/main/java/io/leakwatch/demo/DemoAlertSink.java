package io.leakwatch.demo;

import io.leakwatch.alert.Alert;
import io.leakwatch.alert.AlertSink;
import io.leakwatch.alert.AlertState;
import io.leakwatch.alert.Delivery;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The demo's alert sink: prints each alert with its retention chain on the terminal, and tells the
 * demo when it has shown what it came for: a growth leak explained by a chain, and a marker leak (one
 * alert when the capture found both under one holder).
 */
public final class DemoAlertSink implements AlertSink {

    private final PrintWriter out;
    private final Set<String> kindsShown = ConcurrentHashMap.newKeySet();
    private final CountDownLatch explained = new CountDownLatch(1);

    public DemoAlertSink(PrintWriter out) {
        this.out = out;
    }

    @Override
    public String name() {
        return "console";
    }

    @Override
    public Delivery send(Alert alert) {
        if (explained.getCount() == 0) {
            // the demo has shown what it came for and is stopping: what its stop cuts off is not news
            return new Delivery.Delivered();
        }
        StringBuilder text = new StringBuilder();
        if (alert.state() == AlertState.FIRING) {
            text.append(String.format(Locale.ROOT, "%n=== LEAK ALERT  target=%s  signature=%s%n%s%n", alert.target(),
                    alert.signature(), alert.summary()));
            if (!alert.reportUrl().isEmpty()) {
                text.append("report: ").append(alert.reportUrl()).append('\n');
            }
            if (!alert.topChains().isEmpty()) {
                text.append("retention chain (shortest strong path from a GC root):\n");
                alert.topChains().lines().forEach(l -> text.append("    ").append(l).append('\n'));
            }
            if (!alert.allocationSites().isEmpty()) {
                text.append("allocation sites (live objects sampled by JFR while the leak was suspected):\n");
                alert.allocationSites().lines().forEach(l -> text.append("    ").append(l).append('\n'));
            }
        } else {
            text.append(String.format(Locale.ROOT, "%n=== RESOLVED  target=%s  signature=%s%n", alert.target(),
                    alert.signature()));
        }
        synchronized (out) {
            out.print(text);
            out.flush();
        }
        if (alert.state() == AlertState.FIRING) {
            if (!alert.topChains().isEmpty()) {
                kindsShown.add("chain");
            }
            kindsShown.add(alert.labels().getOrDefault("kind", ""));
            // one alert per leak: the kinds its incident folded in are named in its summary
            if (alert.summary().contains("also growing")) {
                kindsShown.add("type_growth");
            }
            if (alert.summary().contains("object(s) marked")) {
                kindsShown.add("marker");
            }
            if (kindsShown.contains("chain") && kindsShown.contains("marker")
                    && (kindsShown.contains("type_growth") || kindsShown.contains("heap_growth"))) {
                explained.countDown();
            }
        }
        return new Delivery.Delivered();
    }

    /** Waits until a growth leak and a marker leak were alerted, one with its chain; false on timeout. */
    public boolean awaitExplained(long millis) throws InterruptedException {
        return explained.await(millis, TimeUnit.MILLISECONDS);
    }
}
