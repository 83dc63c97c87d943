package io.leakwatch.attach.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.management.ObjectName;

/**
 * A target JVM for the attach tests. Holds {@code args[0]} objects (default 0) from the start,
 * optionally registers the agreed marker MBean ({@code markers} argument; {@code bad-markers} registers
 * one of the wrong shape), then reads commands on
 * stdin: {@code grow N} adds N {@link Leaked} objects and answers {@code grown <total>}; {@code churn M}
 * allocates M MiB of garbage (the target's own young collections) and {@code gc} runs
 * {@code System.gc()} (its own full collection), each answering {@code done}. Exits when
 * stdin closes, so a crashed test run leaves no orphans.
 */
public final class CommandTarget {

    /** The type the tests watch grow. */
    public static final class Leaked {
        final long id;

        Leaked(long id) {
            this.id = id;
        }
    }

    /** A class with a non-ASCII name so histograms carry unicode. */
    static final class Ünïcødé {
    }

    private static final List<Object> HELD = new ArrayList<>();
    private static final List<Leaked> LEAKED = new ArrayList<>();
    /** Keeps the churn allocations from being optimised away. */
    static volatile byte[] sink;

    private CommandTarget() {
    }

    public static void main(String[] args) throws Exception {
        int hold = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        for (int i = 0; i < hold; i++) {
            HELD.add(new Object());
        }
        HELD.add(new Ünïcødé());
        Supplier<String> lambda = () -> "lambda";
        HELD.add(lambda);
        for (String a : args) {
            if (a.equals("markers")) {
                ManagementFactory.getPlatformMBeanServer().registerMBean(
                        new TestLeakMarkers(), new ObjectName("io.leakwatch:type=LeakMarkers"));
            } else if (a.equals("bad-markers")) {
                ManagementFactory.getPlatformMBeanServer().registerMBean(
                        new MalformedLeakMarkers(), new ObjectName("io.leakwatch:type=LeakMarkers"));
            }
        }
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("grow ")) {
                int n = Integer.parseInt(line.substring(5).trim());
                for (int i = 0; i < n; i++) {
                    LEAKED.add(new Leaked(LEAKED.size()));
                }
                System.out.println("grown " + LEAKED.size());
            } else if (line.startsWith("churn ")) {
                int mib = Integer.parseInt(line.substring(6).trim());
                for (int i = 0; i < mib * 16; i++) {
                    sink = new byte[64 << 10];
                }
                System.out.println("done");
            } else if (line.equals("gc")) {
                System.gc();
                System.out.println("done");
            }
        }
        System.exit(0);
    }
}
