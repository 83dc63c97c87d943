package io.leakwatch.attach;

import io.leakwatch.model.TargetIdentity;
import io.leakwatch.sample.FailureKind;
import io.leakwatch.sample.PauseLedger;
import io.leakwatch.sample.PausePolicy;
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
    final PauseLedger ledger;
    /** The last tier-limiting plan logged (no-GC or skipped), so each change is logged once at WARN. */
    PauseLedger.Plan limitLogged;

    JvmSession(JvmAddress address, CallGate gate, PausePolicy pause) {
        this.address = address;
        this.gate = gate;
        this.ledger = new PauseLedger(pause);
    }

    void dropConnection() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
