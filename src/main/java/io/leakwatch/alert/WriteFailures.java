package io.leakwatch.alert;

import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports failed writes of one alert file store the way repeated failures are reported everywhere
 * in the daemon: WARN at the first failure, DEBUG while it goes on, INFO once a write succeeds
 * again; every failure also goes to the {@link StoreFailureListener} (the counter).
 */
final class WriteFailures {

    private static final Logger LOG = LoggerFactory.getLogger(WriteFailures.class);

    private final String store;
    private final Path where;
    private final StoreFailureListener listener;
    private boolean failing;

    WriteFailures(String store, Path where, StoreFailureListener listener) {
        this.store = store;
        this.where = where;
        this.listener = listener;
    }

    synchronized void failed(String what, IOException e) {
        listener.writeFailed(store);
        if (!failing) {
            failing = true;
            LOG.warn("Cannot write the alert {} {} to {} (kept in memory, written again later): {}", store, where, what,
                    e.toString());
        } else {
            LOG.debug("Cannot write the alert {} {} to {}: {}", store, where, what, e.toString());
        }
    }

    synchronized void succeeded() {
        if (failing) {
            failing = false;
            LOG.info("The alert {} {} is written again", store, where);
        }
    }
}
