package org.stm4j.cm;

import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "suicide"}: always abort yourself (the trivial baseline of the contention-management studies
 * of Scherer &amp; Scott, PODC 2005, and Guerraoui, Herlihy &amp; Pochon, PODC 2005).
 *
 * <p><b>Rule.</b> On any conflict, abort the transaction that detected it and restart at once.
 *
 * <p><b>In a lazy STM.</b> This maps directly: a lock met while reading or committing aborts the
 * attempt without waiting, and a commit that would overwrite a prioritized transaction's visible
 * read always yields. The policy itself never escalates; the engine's attempt limit
 * ({@code TxnConfig.maxAttempts}) makes a block that keeps aborting irrevocable, so none starves.
 * Stateless: one instance serves every thread.
 */
public final class SuicideManager implements ContentionManager {

    /** The suicide policy. */
    public SuicideManager() {
    }

    /**
     * The short name.
     *
     * @return {@code "suicide"}
     */
    @Override
    public String name() {
        return "suicide";
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
     * Never waits for a lock.
     *
     * @param tx       the transaction that met the lock
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return always {@code false}: abort
     */
    @Override
    public boolean onLocked(TxnView tx, int spins, boolean atCommit) {
        return false;
    }

    /**
     * Always yields to a prioritized reader.
     *
     * @param tx             the committing transaction
     * @param readerPriority the reader's priority
     * @return always {@code true}
     */
    @Override
    public boolean yieldsTo(TxnView tx, int readerPriority) {
        return true;
    }
}
