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
 *   onCommit(tx) | onAbort(tx, cause, enemy) -> mode of the next attempt (may back off before returning)
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
 *
 * <h2>The engine's own rules</h2>
 * What the engine does whatever the manager says (the numbers are the engine's constants today):
 * <ul>
 *   <li><b>Between two {@code onLocked} calls</b> for the same lock the engine waits one round of
 *       its own: round {@code n} (the {@code spins} argument) spins with {@link Thread#onSpinWait()}
 *       for {@code n < 32}, yields for {@code n < 64}, and from then on parks for
 *       {@code min(1 ms, 1 µs << min(10, (n - 64) / 8))}. A manager's own waiting inside
 *       {@code onLocked} comes on top of that.</li>
 *   <li><b>Caps that override "keep waiting".</b> A revocable transaction gives up a lock after 400
 *       rounds (about 0.3 s) and aborts ({@code READ_LOCKED} or {@code WRITE_LOCKED}), even if
 *       {@code onLocked} keeps returning {@code true}; a committer that already holds some of its write
 *       locks gives up another after 64 rounds (spins and yields only, microseconds), because two
 *       committers locking in opposite orders could otherwise hold each other up to the first cap. The
 *       irrevocable transaction is never asked and waits without bound. Past the block's attempt limit
 *       ({@code TxnConfig.maxAttempts}) the next attempt is irrevocable whatever {@code onAbort}
 *       returns (or {@code TooManyAttemptsException} is thrown, if so configured).</li>
 *   <li><b>A hook that returns null.</b> {@code onAbort} returning {@code null} means
 *       {@link AttemptMode#OPTIMISTIC}. The other hooks return primitives.</li>
 *   <li><b>A hook that throws</b> ends the block: the running attempt is rolled back (commit locks
 *       released, visible reads and the irrevocability token given back), {@link #onLeave} runs if the
 *       scratch word is non-zero (an exception from {@code onLeave} during that recovery is dropped), and
 *       the exception propagates unchanged out of {@code atomic} to the caller; the block is not re-run.
 *       The one exception is {@link #onCommit}: it is called after the commit took effect, so the
 *       block's writes stand, its {@code afterCommit} hooks do not run, and the exception propagates.</li>
 *   <li><b>A slow {@code onBegin}</b> is not bounded or interrupted by the engine: the attempt begins
 *       (takes its snapshot) only when {@code onBegin} returns, so the time spent there is not part of
 *       the attempt and makes no conflict more likely, but it counts in the block's latency and against
 *       its {@code TxnConfig} timeout, which the engine checks after the next abort, not during
 *       {@code onBegin}. A gate must therefore bound its own wait (the built-in gates wait at most
 *       about 25 ms).</li>
 * </ul>
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
     * As {@link #onAbort(TxnView, AbortCause)}, knowing the enemy where the engine can tell who it is.
     * The engine calls this overload; by default it ignores the enemy and delegates to the other one, so
     * a manager that wants the enemy overrides this one (and implements the other for callers that have
     * no enemy to give, e.g. by delegating with {@code null}).
     *
     * <p>The enemy by cause: {@code READ_LOCKED}, {@code WRITE_LOCKED} — the committer that held the
     * lock; {@code PRIORITY_READER} — the prioritized reader this commit yielded to;
     * {@code READ_CONFLICT}, {@code VALIDATION} — the last committer of the TVar the conflict was found
     * on (for a read conflict, the TVar whose newer version made the snapshot move; the reads that
     * actually failed validation may have been overwritten by others). A committer has finished, so its
     * view shows whatever its thread does now ({@link TxnView#blockSequence()} tells whether that is
     * still the same block). {@code null} when unknown: the enemy's thread ended or its context could
     * not be found, it committed outside any transaction, it was this same thread, or the commit carried
     * no committer: the engine names the last committer of a TVar through the committer's version slot,
     * and there are 63 (a thread that found them all taken, or a clock mode without slots, leaves none).
     *
     * @param tx    the transaction whose attempt was rolled back
     * @param cause why
     * @param enemy the transaction that caused the abort, or {@code null} if unknown
     * @return the mode of the next attempt; {@code null} means {@link AttemptMode#OPTIMISTIC}
     */
    default AttemptMode onAbort(TxnView tx, AbortCause cause, TxnView enemy) {
        return onAbort(tx, cause);
    }

    /**
     * Whether blocks run under this manager record their start time ({@link TxnView#startNanos()}).
     * Asked once per {@code TxnConfig}; off by default because reading the clock on every block costs
     * about as much as a small transaction.
     *
     * @return {@code true} to have {@link TxnView#startNanos()} recorded
     */
    default boolean needsStartTime() {
        return false;
    }

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
