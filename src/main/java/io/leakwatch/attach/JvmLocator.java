package io.leakwatch.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import io.leakwatch.model.TargetSelector;
import io.leakwatch.sample.FailureKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;

/** Finds the JVMs a selector points at right now. Pid files are read again on every call. */
final class JvmLocator {

    private static final int PID_FILE_LIMIT = 64;

    /** The JVMs selected now; a NOT_FOUND failure when none is. */
    List<JvmAddress> locate(TargetSelector selector) throws JvmCallException {
        if (selector instanceof TargetSelector.Pid pid) {
            return List.of(alive(pid.pid(), "pid " + pid.pid()));
        }
        if (selector instanceof TargetSelector.PidFile file) {
            return List.of(alive(readPid(file), "pid file " + file.file()));
        }
        if (selector instanceof TargetSelector.MainClass main) {
            return matching(main);
        }
        TargetSelector.JmxUrl jmx = (TargetSelector.JmxUrl) selector;
        return List.of(new JvmAddress.Remote(jmx.url(), jmx.username(), jmx.password(), jmx.tls()));
    }

    private static JvmAddress alive(long pid, String source) throws JvmCallException {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return new JvmAddress.Local(pid);
        }
        throw new JvmCallException(FailureKind.NOT_FOUND, "no process with pid " + pid + " (from " + source + ")");
    }

    private static long readPid(TargetSelector.PidFile file) throws JvmCallException {
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file.file());
            text = new String(bytes, 0, Math.min(bytes.length, PID_FILE_LIMIT), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new JvmCallException(FailureKind.NOT_FOUND, "cannot read pid file " + file.file() + ": " + Failures.describe(e));
        }
        try {
            long pid = Long.parseLong(text);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below with the content
        }
        throw new JvmCallException(FailureKind.NOT_FOUND,
                "pid file " + file.file() + " holds '" + text + "', not a positive process id");
    }

    private static List<JvmAddress> matching(TargetSelector.MainClass main) throws JvmCallException {
        long self = ProcessHandle.current().pid();
        List<JvmAddress> found = VirtualMachine.list().stream()
                .filter(d -> main.regex().matcher(d.displayName()).find())
                .map(JvmLocator::pidOf)
                .filter(pid -> pid > 0 && pid != self)
                .sorted(Comparator.naturalOrder())
                .<JvmAddress>map(JvmAddress.Local::new)
                .toList();
        if (found.isEmpty()) {
            throw new JvmCallException(FailureKind.NOT_FOUND, "no local JVM's main class matches /" + main.regex() + "/");
        }
        return found;
    }

    private static long pidOf(VirtualMachineDescriptor descriptor) {
        try {
            return Long.parseLong(descriptor.id());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
