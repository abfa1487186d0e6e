package org.stm4j;

import java.time.Duration;

/**
 * Receives the engine's events, process-wide, for metrics (e.g. feeding Micrometer counters and
 * timers). Register with {@link Stm#addListener(StmListener)}; every method has an empty default, so
 * implement only what you need.
 *
 * <h2>When each method is called</h2>
 * Always on the thread that ran the block, synchronously, in this order for a block's life:
 * <ul>
 *   <li>{@link #onAbort} once per rolled-back attempt (conflicts, {@link Stm#retry()} — cause
 *       {@link AbortCause#RETRY} — and an exception that abandons the block — cause
 *       {@link AbortCause#EXCEPTION}), after the rollback released everything the attempt held and
 *       before its afterAbort hooks;</li>
 *   <li>{@link #onRetryWait} after a {@code retry} wait ends, with the time waited;</li>
 *   <li>{@link #onIrrevocable} when an attempt becomes irrevocable (configured so, escalated after
 *       aborts, or by {@link Stm#becomeIrrevocable()}); it runs while the attempt holds the
 *       process-wide irrevocability token, so keep it short;</li>
 *   <li>{@link #onCommit} once per commit, after the commit is published and its locks released,
 *       before the afterCommit hooks; a write to a {@link TVar} outside any block is a commit of one
 *       attempt;</li>
 *   <li>{@link #onLongTransaction} after the commit of a block that took longer than
 *       {@link #longTransactionThreshold()} from its start, aborted attempts included.</li>
 * </ul>
 * Counts agree with {@link Stm#stats()}: every commit and every abort counted there is reported
 * exactly once to each listener registered for the whole block.
 *
 * <h2>Cost and faults</h2>
 * With no listener registered the engine reads one flag per block. With listeners, each event is a
 * call per listener on the block's thread; blocks are timed (two clock reads) only if some listener
 * overrides {@link #onLongTransaction}. A listener must not run a transaction or block. If it
 * throws (anything, errors included), the exception is caught and dropped: the transaction is not
 * affected, no lock is held at that point, the listener stays registered, and the failure is counted
 * in {@link StmStats#listenerFailures()}; the first failure of each listener is also logged through
 * {@code System.Logger} {@code "org.stm4j"} at WARNING.
 */
public interface StmListener {

    /**
     * A block (or a write outside any block) committed.
     *
     * @param attempts the attempts it took, this one included (1 for a first-time commit)
     * @param readOnly whether it wrote nothing
     */
    default void onCommit(int attempts, boolean readOnly) {
    }

    /**
     * An attempt was rolled back.
     *
     * @param cause   why
     * @param attempt the attempt's number, from 1
     */
    default void onAbort(AbortCause cause, int attempt) {
    }

    /**
     * A {@link Stm#retry()} wait ended (a TVar it read changed, or it timed out or was interrupted).
     *
     * @param waitedNanos how long it waited
     */
    default void onRetryWait(long waitedNanos) {
    }

    /** An attempt became irrevocable: it will commit. */
    default void onIrrevocable() {
    }

    /**
     * A block took longer than {@link #longTransactionThreshold()}.
     *
     * @param durationNanos from the block's start to its commit
     * @param attempts      the attempts it took
     */
    default void onLongTransaction(long durationNanos, int attempts) {
    }

    /**
     * How long a block must take to be reported to {@link #onLongTransaction}; read once, at
     * registration. Default 10 ms, the Flight Recorder event's threshold.
     *
     * @return the threshold, not negative
     */
    default Duration longTransactionThreshold() {
        return Duration.ofMillis(10);
    }
}
