package org.stm4j.spi;

import org.stm4j.AbortCause;

/**
 * A contention-management policy: what a transaction does when it meets another one.
 *
 * <p>stm4j is a lazy (commit-time locking) STM, so the transaction you conflict with has already
 * committed or is committing. The engine therefore consults the manager only off the fast path:
 * <!-- outline -->
 * <pre>{@code
 *   onBegin(tx)                       // may delay or gate the attempt (Hourglass, ATS, serializer)
 *   ... reads meet a lock:            onLocked(tx, spins, false)   -> keep waiting or abort self
 *   ... commit meets a busy lock:     onLocked(tx, spins, true)    -> keep waiting or abort self
 *   ... commit would overwrite a visible read of priority p:  yieldsTo(tx, p) -> abort self?
 *   onCommit(tx) | onAbort(tx, cause) -> mode of the next attempt (may back off before returning)
 * }</pre>
 *
 * <p>One instance serves every thread that uses it, so implementations must be thread-safe;
 * per-transaction state belongs in {@link TxnView#managerState()}. Hooks must return in bounded
 * time: the engine additionally caps waiting on locks and, past the block's attempt limit, makes
 * the transaction irrevocable whatever the manager says, so no policy can starve a transaction
 * forever.
 */
public interface ContentionManager {

    /**
     * The short name this manager is selected by, e.g. {@code "karma"}.
     *
     * @return the short name
     */
    String name();

    /**
     * Called before each attempt of a block. May block briefly (a gate) but must return.
     *
     * @param tx the transaction about to run
     */
    default void onBegin(TxnView tx) {
    }

    /**
     * Called after a block committed (read-only commits included).
     *
     * @param tx the transaction that committed
     */
    default void onCommit(TxnView tx) {
    }

    /**
     * Called after an attempt aborted because of a conflict. May wait (back off) before returning.
     *
     * @param tx    the transaction whose attempt was rolled back
     * @param cause why
     * @return the mode of the next attempt
     */
    AttemptMode onAbort(TxnView tx, AbortCause cause);

    /**
     * A TVar the transaction reads ({@code atCommit == false}) or must lock to commit
     * ({@code atCommit == true}) is locked by a committing transaction.
     *
     * @param tx       the transaction that met the lock
     * @param spins how many times this question was asked for the same lock so far (0, 1, ...)
     * @param atCommit whether the lock was met while locking the write set at commit
     * @return {@code true} to keep waiting, {@code false} to abort the attempt
     */
    default boolean onLocked(TxnView tx, int spins, boolean atCommit) {
        return spins < 64;
    }

    /**
     * At commit, the transaction is about to overwrite a TVar that a prioritized transaction of
     * priority {@code readerPriority} has read visibly.
     *
     * @param tx             the committing transaction
     * @param readerPriority the highest priority among the visible readers
     * @return {@code true} to abort this transaction in favour of the reader
     */
    default boolean yieldsTo(TxnView tx, int readerPriority) {
        return readerPriority > tx.priority();
    }

    /**
     * The priority to give {@code tx}'s next attempt when {@link #onAbort} chose {@link AttemptMode#PRIORITY}.
     *
     * @param tx the transaction
     * @return its priority; higher wins
     */
    default int priorityOf(TxnView tx) {
        return tx.consecutiveAborts();
    }
}
