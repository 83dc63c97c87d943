package io.leakwatch.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusUtil;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/** Replaces the built-in logging setup with a Logback file given at run time. */
final class LogbackSetup {

    private LogbackSetup() {
    }

    static void configure(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("logging config " + file + " does not exist");
        }
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        long since = System.currentTimeMillis();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        context.reset();
        try {
            configurator.doConfigure(file.toFile());
        } catch (JoranException e) {
            throw new IOException("logging config " + file + " is invalid: " + e.getMessage(), e);
        }
        StatusUtil status = new StatusUtil(context);
        if (status.getHighestLevel(since) >= Status.ERROR) {
            throw new IOException("logging config " + file + " has errors: "
                    + context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(s -> s.getLevel() >= Status.ERROR).map(Status::getMessage).toList());
        }
    }
}
