package io.leakwatch.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Test helper: a real Tomcat 10 (Debian's {@code tomcat10}, installed by
 * {@code src/test/sh/install-test-deps.sh}) started from {@code /usr/share/tomcat10} with its own
 * {@code CATALINA_BASE} in a temporary directory, on a free loopback port, not as the package's
 * service; with one exploded web application, {@code leaky}, compiled here against Tomcat's servlet
 * API. Its listener starts a thread on every deployment and never stops it: the thread keeps the
 * web application's class loader (and with it every class and static of that deployment) alive.
 * Tomcat's leak prevention (on, as shipped) only logs such a thread. Touching {@code web.xml}
 * redeploys.
 */
final class TomcatServer implements AutoCloseable {

    static final Path HOME = Path.of("/usr/share/tomcat10");

    private static final String LISTENER = """
            package leaky;

            import jakarta.servlet.ServletContextEvent;
            import jakarta.servlet.ServletContextListener;

            /** Starts a price-feed refresher per deployment and forgets it on undeploy. */
            public class RefresherListener implements ServletContextListener {
                /** Per deployment (per class loader). */
                static final byte[] TABLE = new byte[1024 * 1024];

                @Override
                public void contextInitialized(ServletContextEvent event) {
                    int n;
                    synchronized (System.class) {
                        n = Integer.getInteger("leaky.deployments", 0) + 1;
                        System.setProperty("leaky.deployments", Integer.toString(n));
                    }
                    Refresher refresher = new Refresher("pricefeed-refresher-" + n);
                    refresher.setDaemon(true);
                    refresher.start();
                    event.getServletContext().log("started " + refresher.getName() + ", table " + TABLE.length);
                }

                @Override
                public void contextDestroyed(ServletContextEvent event) {
                    // the bug: the refresher is never stopped
                }
            }
            """;

    private static final String REFRESHER = """
            package leaky;

            /** Refreshes prices forever; nothing stops it. */
            public class Refresher extends Thread {
                private final byte[] prices = new byte[1024 * 1024];

                public Refresher(String name) {
                    super(name);
                }

                @Override
                public void run() {
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException e) {
                            prices[0]++;
                        }
                    }
                }
            }
            """;

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0" metadata-complete="true">
              <listener><listener-class>leaky.RefresherListener</listener-class></listener>
            </web-app>
            """;

    private final Process process;
    private final Path base;
    private final Path log;
    private final int port;
    private long touched = System.currentTimeMillis();

    private TomcatServer(Process process, Path base, Path log, int port) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.port = port;
    }

    /** Starts Tomcat with the {@code leaky} application deployed; waits for its start-up. */
    static TomcatServer start(Path base, Duration timeout) throws Exception {
        if (!Files.isRegularFile(HOME.resolve("bin/bootstrap.jar"))) {
            throw new IllegalStateException("Tomcat 10 is not installed at " + HOME
                    + "; run src/test/sh/install-test-deps.sh as root (Debian package tomcat10)");
        }
        int port = freePort();
        Path conf = Files.createDirectories(base.resolve("conf"));
        for (String f : List.of("web.xml", "context.xml", "catalina.properties")) {
            Files.copy(HOME.resolve("etc").resolve(f), conf.resolve(f));
        }
        Files.writeString(conf.resolve("logging.properties"), """
                handlers = java.util.logging.ConsoleHandler
                .level = INFO
                java.util.logging.ConsoleHandler.level = INFO
                java.util.logging.ConsoleHandler.formatter = org.apache.juli.OneLineFormatter
                """);
        Files.writeString(conf.resolve("server.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <Server port="-1" shutdown="SHUTDOWN">
                  <Listener className="org.apache.catalina.core.JreMemoryLeakPreventionListener"/>
                  <Listener className="org.apache.catalina.core.ThreadLocalLeakPreventionListener"/>
                  <Service name="Catalina">
                    <Connector address="127.0.0.1" port="%d" protocol="HTTP/1.1" connectionTimeout="5000"/>
                    <Engine name="Catalina" defaultHost="localhost" backgroundProcessorDelay="1">
                      <Host name="localhost" appBase="webapps" unpackWARs="true" autoDeploy="true"/>
                    </Engine>
                  </Service>
                </Server>
                """.formatted(port));
        for (String d : List.of("logs", "temp", "work")) {
            Files.createDirectories(base.resolve(d));
        }
        Path app = Files.createDirectories(base.resolve("webapps/leaky/WEB-INF/classes"));
        compile(base.resolve("src"), app);
        Files.writeString(app.resolveSibling("web.xml"), WEB_XML);

        Path log = base.resolve("logs/console.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-Dcatalina.home=" + HOME, "-Dcatalina.base=" + base, "-Djava.io.tmpdir=" + base.resolve("temp"),
                "-Djava.util.logging.manager=org.apache.juli.ClassLoaderLogManager",
                "-Djava.util.logging.config.file=" + conf.resolve("logging.properties"),
                // as catalina.sh opens them, for Tomcat's own leak prevention
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                "-cp", HOME.resolve("bin/bootstrap.jar") + ":" + HOME.resolve("bin/tomcat-juli.jar"),
                "org.apache.catalina.startup.Bootstrap", "start"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TomcatServer tomcat = new TomcatServer(p, base, log, port);
        try {
            tomcat.awaitLog("Server startup in", 1, timeout);
            tomcat.awaitLog("started pricefeed-refresher-1", 1, timeout);
        } catch (Exception | AssertionError e) {
            tomcat.close();
            throw e;
        }
        return tomcat;
    }

    private static void compile(Path src, Path classes) throws IOException {
        Path pkg = Files.createDirectories(src.resolve("leaky"));
        Files.writeString(pkg.resolve("RefresherListener.java"), LISTENER);
        Files.writeString(pkg.resolve("Refresher.java"), REFRESHER);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "-cp", HOME.resolve("lib/servlet-api.jar").toString(),
                "-d", classes.toString(), pkg.resolve("RefresherListener.java").toString(),
                pkg.resolve("Refresher.java").toString());
        if (rc != 0) {
            throw new IOException("javac of the leaky web application exited " + rc);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** Redeploys {@code leaky}: its {@code web.xml} is a watched resource, so a newer one reloads the context. */
    void redeploy() throws IOException {
        touched = Math.max(touched + 1000, System.currentTimeMillis());
        Files.setLastModifiedTime(base.resolve("webapps/leaky/WEB-INF/web.xml"), FileTime.fromMillis(touched));
    }

    /** Tomcat's console output so far. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** How often {@code text} occurs in the log. */
    int count(String text) throws IOException {
        String all = log();
        int n = 0;
        for (int at = all.indexOf(text); at >= 0; at = all.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }

    /** Waits until {@code text} occurs {@code times} times in the log. */
    void awaitLog(String text, int times, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(text) < times) {
            if (!process.isAlive()) {
                throw new AssertionError("Tomcat exited " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + times + "× '" + text + "' in Tomcat's log within " + timeout + ":\n" + log());
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }
}
