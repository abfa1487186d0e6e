package org.example.cm;

import java.util.concurrent.locks.LockSupport;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * A contention manager written outside stm4j, using only the public SPI ({@code org.stm4j.spi}):
 * a transaction that aborted waits a time proportional to its thread id's parity (so two colliding
 * threads take turns), and from the 3rd consecutive abort runs with visible reads. It counts its
 * calls so that a test can see it was used.
 */
public final class TakeTurnsManager implements ContentionManager {
    private final java.util.concurrent.atomic.LongAdder aborts = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder commits = new java.util.concurrent.atomic.LongAdder();

    @Override
    public String name() {
        return "take-turns";
    }

    @Override
    public void onCommit(TxnView tx) {
        commits.increment();
    }

    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        aborts.increment();
        LockSupport.parkNanos((tx.id() & 1) == 0 ? 1_000 : 20_000);
        return tx.consecutiveAborts() >= 3 ? AttemptMode.PRIORITY : AttemptMode.OPTIMISTIC;
    }

    /** Commits seen by this instance. */
    public long commits() {
        return commits.sum();
    }

    /** Aborts seen by this instance. */
    public long aborts() {
        return aborts.sum();
    }
}
