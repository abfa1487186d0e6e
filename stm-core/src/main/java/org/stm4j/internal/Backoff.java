package org.stm4j.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for a lock held by a committing transaction. On 2 vCPUs with more threads than cores
 * the holder may be descheduled, so spinning alone can burn a whole time slice: spin with
 * {@link Thread#onSpinWait()} first, then yield, then sleep for growing (bounded) intervals.
 */
final class Backoff {
    private static final int SPINS = 32;
    private static final int YIELDS = SPINS + 32;
    /**
     * The most rounds a revocable transaction waits for one lock, whatever its contention manager
     * says (about 0.3 s): a committer never waits unboundedly, so two committers can never wait for
     * each other forever. Only the irrevocable transaction waits without bound.
     */
    static final int GIVE_UP = 400;
    /**
     * The most rounds a revocable committer that already holds locks waits for another one (spins and
     * yields only, microseconds), whatever its contention manager says. Commits lock their write sets
     * in the order the transaction wrote them, so two committers can each hold the lock the other
     * wants (opposite list transfers do); neither can finish until one gives up, and a committer that
     * holds nothing cannot be part of such a cycle. Without this bound a manager that keeps waiting
     * (Aggressive, Polite, Greedy...) stalled both for the whole {@link #GIVE_UP} budget.
     */
    static final int GIVE_UP_HOLDING_LOCKS = YIELDS;

    private Backoff() {
    }

    /** Waits a little; the {@code round}-th call in a row waits longer than the first. */
    static void spin(int round) {
        if (round < SPINS) {
            Thread.onSpinWait();
        } else if (round < YIELDS) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(Math.min(1_000_000L, 1_000L << Math.min(10, (round - YIELDS) / 8)));
        }
    }
}
