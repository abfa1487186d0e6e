package org.stm4j.spi;

/**
 * What a {@link ContentionManager} may know about a transaction: a read-only view of one thread's
 * current atomic block. All figures are cumulative over the attempts of that block unless stated
 * otherwise; they are read without synchronization by the owning thread, and racily (but safely)
 * when the view belongs to another transaction (the owner of a lock).
 */
public interface TxnView {

    /**
     * A number identifying the thread context that runs this transaction; stable for the thread.
     *
     * @return the identifier
     */
    long id();

    /**
     * The current attempt of this atomic block, starting at 1.
     *
     * @return the attempt number
     */
    int attempt();

    /**
     * Attempts of this block that ended in a conflict abort (not counting blocking {@code retry}).
     *
     * @return the number of consecutive conflict aborts
     */
    int consecutiveAborts();

    /**
     * A global order of blocks by age: the smaller, the older. Assigned when the block first
     * aborts (a block that never aborts needs no seniority), {@link Long#MAX_VALUE} until then.
     *
     * @return the ticket
     */
    long ticket();

    /**
     * The priority of this attempt; 0 for an ordinary optimistic attempt.
     *
     * @return the priority
     */
    int priority();

    /**
     * TVar accesses (reads plus writes) summed over all attempts of this block: Karma's "work done".
     *
     * @return the accesses so far
     */
    long karma();

    /**
     * Reads recorded by the current attempt; between attempts (in {@link ContentionManager#onAbort}
     * and the next attempt's {@link ContentionManager#onBegin}), by the attempt that aborted last.
     *
     * @return the size of the read set
     */
    int readCount();

    /**
     * Distinct TVars written by the current attempt; between attempts (in
     * {@link ContentionManager#onAbort} and the next attempt's {@link ContentionManager#onBegin}), by
     * the attempt that aborted last.
     *
     * @return the size of the write set
     */
    int writeCount();

    /**
     * The mode of the current attempt.
     *
     * @return the mode
     */
    AttemptMode mode();

    /**
     * A word of scratch state a manager may keep per block (reset to 0 when a block commits).
     *
     * @return the scratch word
     */
    long managerState();

    /**
     * Sets the manager's scratch word; only the owning thread's manager calls may use it.
     *
     * @param state the new scratch word
     */
    void managerState(long state);

    /**
     * {@link System#nanoTime()} when the block's first attempt began, so a policy can order blocks by
     * their real age (Greedy, Timestamp) rather than by {@link #ticket()}. Recorded only for a block
     * whose manager asks for it ({@link ContentionManager#needsStartTime()}; reading the clock costs
     * about as much as a small transaction); otherwise, and for a view that does not implement it,
     * {@link Long#MIN_VALUE}. Compare two start times with {@code a - b < 0}, never {@code a < b}.
     *
     * @return the block's start time in nanoseconds, or {@link Long#MIN_VALUE} if not recorded
     */
    default long startNanos() {
        return Long.MIN_VALUE;
    }

    /**
     * The number of this block among the top-level blocks its thread context has started, from 1: with
     * {@link #id()} it identifies the block (a policy can tell that the owner of a lock is still the
     * same block as when it last looked, or keep per-block state in an id-indexed table). Stays the same
     * across the block's attempts; 0 for a view that does not implement it.
     *
     * @return the block's sequence number within its thread
     */
    default long blockSequence() {
        return 0;
    }

    /**
     * Whether the transaction is itself waiting, right now, for a lock another transaction holds (a
     * read or its commit met the lock and its manager chose to keep waiting): Greedy's "the enemy is
     * waiting". Read racily when this is another transaction's view, so it may be out of date by the
     * time it is used. {@code false} for a view that does not implement it.
     *
     * @return whether the transaction waits for a lock
     */
    default boolean waiting() {
        return false;
    }
}
