package org.stm4j.internal;

import org.stm4j.AbortCause;
import org.stm4j.internal.report.BlockObservation;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * The state of one running top-level atomic block, across its attempts: what it was configured with,
 * how often it aborted and why, what its contention manager keeps for it, its deadline and its
 * observation. A {@link TxnContext} points at one of these ({@link TxnContext#blockState}); a thread
 * running block after block reuses the same one, which {@link #reset} returns to its initial state
 * storing only what changed.
 *
 * <p><b>Why a class of its own.</b> An afterAbort hook runs between two attempts of a block, outside
 * any transaction, so an {@code atomic} inside the hook is a new top-level block on the same context.
 * The context swaps its one reference to {@link #nested} (allocated the first time a hook runs a
 * block at that depth, then reused) around the hooks, and back: the outer block's state is untouched
 * by construction, instead of fields being saved and restored by hand.
 *
 * <p><b>What is here and what is not.</b> A field is here if it must survive the afterAbort hooks of
 * the block's attempt, i.e. if it is read after {@code rollbackAttempt} runs them: the attempt count
 * and the counts the manager reads in {@code onAbort} ({@link #abortedReads}, {@link #abortEnemy},
 * {@link #abortCause}), the next attempt's {@link #mode}, the manager's {@link #managerState}, and
 * everything fixed at the block's start. What belongs to one attempt stays in the context, because
 * the attempt is over, its logs empty and its escalation released before any hook runs: the read
 * version, the logs, the reader slot and its {@code priority}, the irrevocability token, the TVar a
 * conflict was met on, the reader a commit yielded to and what the commit counted. What belongs to
 * the thread stays in the context too: identity, version slot, counters, error recovery.
 *
 * <p>Threading: written only by the context's thread; other threads read it racily through the
 * context's {@link TxnView} methods (a manager looking at its enemy).
 */
final class BlockState {
    /** The block's configuration and its manager (the same object across blocks run with one config). */
    BlockPolicy policy;
    ContentionManager cm;
    /** Attempts begun so far (1 in the first). */
    int attempt;
    /** Conflict aborts since the block began or last waited in {@code retry}. */
    int consecutiveAborts;
    /** The block's age for timestamp managers: taken at its first abort, {@link Long#MAX_VALUE} before. */
    long ticket = Long.MAX_VALUE;
    /** Reads and writes of the block's aborted attempts. */
    long karma;
    /** Whatever the manager keeps for the block; the manager is told to leave if it is non-zero. */
    long managerState;
    /** {@code System.nanoTime()} the block times out at, or 0. */
    long deadline;
    /** The mode of the next (or running) attempt. */
    AttemptMode mode = AttemptMode.OPTIMISTIC;
    /** Why the last attempt ended (read by {@code chooseNextMode} after the afterAbort hooks). */
    AbortCause abortCause;
    /** The enemy of the last abort, for {@code onAbort}; null if unknown. */
    TxnView abortEnemy;
    /** The read and write counts of the attempt that aborted last: what the manager sees in {@code onAbort}. */
    int abortedReads;
    int abortedWrites;
    /** The afterAbort hooks now running roll back this block because it threw: it will not run again. */
    boolean abandoning;
    /** The JFR event of a long transaction, while recording. */
    Events.LongTransactionEvent longEvent;
    /** The block's number among the blocks its context has started. */
    long blockSequence;
    /** {@code System.nanoTime()} at the block's start, if its manager asked for it. */
    long startNanos = Long.MIN_VALUE;
    /** The block's observation while it is observed; else null. */
    BlockObservation observed;
    /** This state's reusable observation (null until first needed). */
    BlockObservation observation;
    /** The state a block run from this block's afterAbort hooks uses (null until first needed). */
    BlockState nested;
    /**
     * The block whose afterAbort hooks run this one (null for the context's own state): while this
     * state is the context's, those hooks are running, and {@code outer.abandoning} is what they ask.
     */
    final BlockState outer;

    /** The context's own state, for its top-level blocks. */
    BlockState() {
        this(null);
    }

    private BlockState(BlockState outer) {
        this.outer = outer;
    }

    /** Puts the fields that aborts change back to their initial state, storing only what changed. */
    void reset() {
        if (attempt > 1 || mode != AttemptMode.OPTIMISTIC) {
            abortedReads = 0;
            abortedWrites = 0;
            consecutiveAborts = 0;
            ticket = Long.MAX_VALUE;
            karma = 0;
            mode = AttemptMode.OPTIMISTIC;
        }
        if (deadline != 0) {
            deadline = 0;
        }
        if (longEvent != null) {
            longEvent = null;
        }
    }

    /**
     * The state for a block run from this block's afterAbort hooks, in its initial state (reset in
     * full: an error may have left the last one it served half-way).
     */
    BlockState forNestedBlock() {
        BlockState n = nested;
        if (n == null) {
            n = new BlockState(this);
            nested = n;
            return n;
        }
        n.attempt = 0;
        n.abortedReads = 0;
        n.abortedWrites = 0;
        n.consecutiveAborts = 0;
        n.ticket = Long.MAX_VALUE;
        n.karma = 0;
        n.managerState = 0;
        n.deadline = 0;
        n.mode = AttemptMode.OPTIMISTIC;
        n.abortCause = null;
        n.abortEnemy = null;
        n.abandoning = false;
        n.longEvent = null;
        n.observed = null;
        return n;
    }
}
