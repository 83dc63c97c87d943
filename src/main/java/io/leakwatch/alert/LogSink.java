package io.leakwatch.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alerts to the daemon's log: firing at WARN with the chains, resolved at INFO. Always delivers. */
public final class LogSink implements AlertSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.leakwatch.alerts");

    @Override
    public String name() {
        return "log";
    }

    @Override
    public Delivery send(Alert alert) {
        if (alert.state() == AlertState.FIRING) {
            LOG.warn("LEAK target={} signature={} since={}: {} report={}\n{}", alert.target(), alert.signature(),
                    alert.since(), alert.summary(), alert.reportUrl(), alert.topChains());
        } else {
            LOG.info("RESOLVED target={} signature={} at {}: {}", alert.target(), alert.signature(), alert.time(),
                    alert.summary());
        }
        return new Delivery.Delivered();
    }
}
