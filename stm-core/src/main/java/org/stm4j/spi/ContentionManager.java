package org.stm4j.spi;

import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;

/**
 * A contention-management policy: what a transaction does when it meets another one.
 *
 * <p>stm4j is a lazy (commit-time locking) STM, so the transaction you conflict with has already
 * committed or is committing. The engine therefore consults the manager only off the fast path:
 * <!-- outline -->
 * <pre>{@code
 *   onBegin(tx)                       // may delay or gate the attempt (Hourglass, ATS, serializer)
 *   ... reads meet a lock:            onLocked(tx, owner, spins, false)   -> keep waiting or abort self
 *   ... commit meets a busy lock:     onLocked(tx, owner, spins, true)    -> keep waiting or abort self
 *   ... commit would overwrite a visible read of priority p:  yieldsTo(tx, reader, p) -> abort self?
 *   onCommit(tx) | onAbort(tx, cause) -> mode of the next attempt (may back off before returning)
 *   onLeave(tx)                       // only if tx.managerState() != 0: the block ended or waits in retry
 * }</pre>
 *
 * <p>Policies that compare a transaction with its enemy (Karma, Greedy, Timestamp...) get the enemy's
 * {@link TxnView} in {@link #onLocked(TxnView, TxnView, int, boolean)} (the committer holding the lock)
 * and {@link #yieldsTo(TxnView, TxnView, int)} (the prioritized reader). The enemy's view is read racily
 * while its own thread runs; a manager reads it and never calls {@link TxnView#managerState(long)} on it.
 * Policies that hold something for a block (a gate, a queue position) release it in {@link #onCommit}
 * or {@link #onAbort}, and keep {@link TxnView#managerState()} non-zero while they hold it, so that
 * {@link #onLeave} releases it whatever way the block ends.
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
     * As {@link #onLocked(TxnView, int, boolean)}, knowing the committer that holds the lock. The
     * engine calls this overload; by default it ignores the owner and delegates to the other one.
     *
     * @param tx       the transaction that met the lock
     * @param owner    the committing transaction that holds the lock, or {@code null} if it could not be
     *                 identified (it finished meanwhile, or its thread context is not registered)
     * @param spins    how many times this question was asked for the same lock so far (0, 1, ...)
     * @param atCommit {@code true} if {@code tx} is committing and must lock the TVar, {@code false} if it
     *                 reads it
     * @return {@code true} to keep waiting, {@code false} to abort the attempt
     */
    default boolean onLocked(TxnView tx, @Nullable TxnView owner, int spins, boolean atCommit) {
        return onLocked(tx, spins, atCommit);
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
     * As {@link #yieldsTo(TxnView, int)}, knowing the reader. The engine calls this overload; by
     * default it ignores the reader and delegates to the other one. Not asked for the irrevocable
     * reader: every committer yields to it.
     *
     * @param tx             the committing transaction
     * @param reader         the prioritized transaction that read the TVar visibly, or {@code null} if it
     *                       could not be identified (it released its reader slot meanwhile)
     * @param readerPriority the priority the reader published with its visible reads
     * @return {@code true} to abort {@code tx} in favour of the reader
     */
    default boolean yieldsTo(TxnView tx, @Nullable TxnView reader, int readerPriority) {
        return yieldsTo(tx, readerPriority);
    }

    /**
     * The block stops competing while this manager's scratch word {@link TxnView#managerState()} is
     * non-zero: it ended (committed, after {@link #onCommit}; threw; timed out; gave up) or it is about
     * to wait in {@code Stm.retry()} for a change. A manager that holds something for the block (a gate,
     * a queue position) releases it here. Not called when the scratch word is 0, so it costs nothing to
     * managers that keep no such state. When the block ended, the engine resets the word to 0 afterwards.
     *
     * @param tx the transaction of the block
     */
    default void onLeave(TxnView tx) {
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
