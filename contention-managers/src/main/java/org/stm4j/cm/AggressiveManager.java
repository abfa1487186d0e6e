package org.stm4j.cm;

import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "aggressive"}: always abort the enemy (Herlihy, Luchangco, Moir, Scherer, "Software
 * Transactional Memory for Dynamic-Sized Data Structures", PODC 2003; a baseline of Scherer &amp;
 * Scott, PODC 2005).
 *
 * <p><b>Rule.</b> On a conflict, abort the other transaction and proceed; after an abort, restart at
 * once.
 *
 * <p><b>In a lazy STM.</b> The enemy holding a lock is committing and cannot be aborted, so the
 * aggressive transaction never gives up on a lock: it waits for the commit (up to the engine's cap)
 * and then proceeds. A prioritized reader is an enemy it <em>can</em> defeat: its commit never yields
 * to a visible read (only the irrevocable transaction, which the engine always protects, wins).
 * It never publishes reads, never backs off and restarts at once; the engine's attempt limit
 * ({@code TxnConfig.maxAttempts}) makes a block that keeps losing irrevocable, so none starves.
 * Stateless: one instance serves every thread.
 */
public final class AggressiveManager implements ContentionManager {

    /** The aggressive policy. */
    public AggressiveManager() {
    }

    /**
     * The short name.
     *
     * @return {@code "aggressive"}
     */
    @Override
    public String name() {
        return "aggressive";
    }

    /**
     * Restarts at once, optimistically.
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return {@link AttemptMode#OPTIMISTIC}
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        return AttemptMode.OPTIMISTIC;
    }

    /**
     * Keeps waiting for the committer (the engine caps the wait).
     *
     * @param tx       the transaction that met the lock
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return always {@code true}
     */
    @Override
    public boolean onLocked(TxnView tx, int spins, boolean atCommit) {
        return true;
    }

    /**
     * Never yields to a prioritized reader.
     *
     * @param tx             the committing transaction
     * @param readerPriority the reader's priority
     * @return always {@code false}
     */
    @Override
    public boolean yieldsTo(TxnView tx, int readerPriority) {
        return false;
    }
}
