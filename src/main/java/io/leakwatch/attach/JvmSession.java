package io.leakwatch.attach;

import io.leakwatch.model.TargetIdentity;
import io.leakwatch.sample.FailureKind;
import java.time.Instant;

/** What the sampler keeps per watched JVM between samples: its connection, gate and failure run. */
final class JvmSession {

    final JvmAddress address;
    final CallGate gate;
    JvmConnection connection;
    TargetIdentity lastIdentity;
    int failures;
    Instant nextAttempt = Instant.MIN;
    FailureKind lastKind;
    String lastMessage;
    boolean warned;

    JvmSession(JvmAddress address, CallGate gate) {
        this.address = address;
        this.gate = gate;
    }

    void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
