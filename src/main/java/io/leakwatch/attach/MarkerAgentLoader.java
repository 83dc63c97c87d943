package io.leakwatch.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.leakwatch.agent.MarkerAgent;
import io.leakwatch.agent.MethodSpec;
import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the marker agent into a target JVM so the configured methods mark {@code this} on exit.
 * Idempotent: the target's {@value MarkerAgent#METHODS_PROPERTY} system property says what is
 * already instrumented, and the agent is loaded only when a requested method is missing from it.
 */
public final class MarkerAgentLoader {

    /** The agent jar's name as the build writes it, beside the daemon's jar. */
    public static final String AGENT_JAR = "leakwatch-agent.jar";

    private final Path agentJar;
    private final Duration timeout;

    public MarkerAgentLoader(Path agentJar, Duration timeout) {
        this.agentJar = Objects.requireNonNull(agentJar, "agentJar").toAbsolutePath();
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The agent jar in the directory of the jar (or classes directory's parent) this class came from. */
    public static Path besideDaemon() {
        try {
            Path source = Path.of(MarkerAgentLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return source.getParent().resolve(AGENT_JAR);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the daemon's code source", e);
        }
    }

    /**
     * Makes the methods in {@code methods} ({@code com.example.Session#close}, optionally
     * {@code =label}) mark in JVM {@code pid}; malformed entries throw (config validates them).
     */
    public AgentLoadResult load(long pid, List<String> methods) {
        Set<MethodSpec> wanted = new LinkedHashSet<>();
        methods.forEach(m -> wanted.add(MethodSpec.parse(m)));
        if (wanted.isEmpty()) {
            return new AgentLoadResult.AlreadyLoaded();
        }
        if (!Files.isRegularFile(agentJar)) {
            return new AgentLoadResult.Failed(FailureKind.NOT_FOUND,
                    "marker agent jar " + agentJar + " is missing; `mvn package` builds it as target/" + AGENT_JAR);
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            return new AgentLoadResult.Failed(FailureKind.NOT_FOUND, "no process " + pid);
        }
        CompletableFuture<AgentLoadResult> loading = CompletableFuture.supplyAsync(
                () -> attachAndLoad(pid, wanted), task -> daemonThread(task, pid).start());
        try {
            return loading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new AgentLoadResult.Failed(FailureKind.TIMEOUT,
                    "loading the marker agent into " + pid + " took over " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AgentLoadResult.Failed(FailureKind.TIMEOUT, "interrupted loading the marker agent into " + pid);
        } catch (ExecutionException e) {
            throw new IllegalStateException("marker agent loading failed unexpectedly for " + pid, e.getCause());
        }
    }

    private AgentLoadResult attachAndLoad(long pid, Set<MethodSpec> wanted) {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            return new AgentLoadResult.Failed(FailureKind.ATTACH_REFUSED, "attach to " + pid + " refused: " + e.getMessage());
        }
        try {
            Set<MethodSpec> installed = new LinkedHashSet<>(MethodSpec.parseAll(
                    vm.getSystemProperties().getProperty(MarkerAgent.METHODS_PROPERTY)));
            if (installed.containsAll(wanted)) {
                return new AgentLoadResult.AlreadyLoaded();
            }
            vm.loadAgent(agentJar.toString(), MethodSpec.join(wanted));
            installed.addAll(wanted);
            return new AgentLoadResult.Loaded(installed.stream().map(MethodSpec::toString).toList());
        } catch (AgentLoadException | AgentInitializationException e) {
            return new AgentLoadResult.Failed(FailureKind.BAD_RESPONSE,
                    "marker agent failed to start in " + pid + ": " + e.getMessage());
        } catch (IOException e) {
            return new AgentLoadResult.Failed(FailureKind.CONNECTION_FAILED,
                    "attach connection to " + pid + " broke: " + e.getMessage());
        } finally {
            detach(vm);
        }
    }

    private static void detach(VirtualMachine vm) {
        try {
            vm.detach();
        } catch (IOException ignored) {
            // the target went away; nothing is held on our side
        }
    }

    private static Thread daemonThread(Runnable task, long pid) {
        Thread thread = new Thread(task, "leakwatch-agent-load-" + pid);
        thread.setDaemon(true);
        return thread;
    }
}
