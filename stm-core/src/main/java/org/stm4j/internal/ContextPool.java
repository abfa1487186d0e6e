package org.stm4j.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The contexts no thread holds: where a context lent to a block goes when the block ends, and where
 * the next block that needs one takes it from ({@link Contexts}).
 *
 * <h2>Algorithm</h2>
 * An array of {@value #SLOTS} cells, each empty or holding one idle context. {@link #give} CASes a
 * context into an empty cell, {@link #take} CASes a context out of a full one; both start at
 * {@link #hint}, the cell used last, so a block that ends and the next one that starts (the common
 * case: one request after another on the same carrier) meet at the same cell and the same, still
 * cached, context. Contexts beyond the array's capacity — more than {@value #SLOTS} idle at once,
 * after a burst of concurrent blocks — go to a queue (which allocates a node; only past the burst).
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>A context is taken at most once per giving.</b> Each cell changes by CAS only, from
 *       empty to a context or from that context to empty; so of two takers that see the same context
 *       in a cell exactly one wins it. There is no ABA hazard: a cell holds no link to anything else,
 *       and a context that was taken, used and given back again is idle again, so taking it is right.</li>
 *   <li><b>Giving happens-before taking.</b> The giver's last writes to the context (its logs, its
 *       counters, its clock cursor) precede its CAS; the taker's CAS reads that value. So a context
 *       moves between threads with all its state, as when a thread takes over a dead thread's
 *       context.</li>
 *   <li><b>Nothing is lost.</b> A context given back is in a cell or in the queue until taken;
 *       contexts are never discarded (their statistics and version slots stay valid, see
 *       {@link Counters}, {@link VersionClock.Cursor}).</li>
 * </ul>
 * {@link #hint} is a plain racy field: a stale value only lengthens a scan.
 */
final class ContextPool {
    private static final int SLOTS = 64;
    private static final int MASK = SLOTS - 1;

    private final AtomicReferenceArray<TxnContext> cells = new AtomicReferenceArray<>(SLOTS);
    private final ConcurrentLinkedQueue<TxnContext> spill = new ConcurrentLinkedQueue<>();
    /** The cell given to or taken from last: where the next scan starts. */
    private int hint;

    /** An idle context, now the caller's alone, or null if none is idle. */
    TxnContext take() {
        int start = hint;
        for (int k = 0; k < SLOTS; k++) {
            int j = (start - k) & MASK;
            TxnContext c = cells.getPlain(j);
            if (c != null && cells.compareAndSet(j, c, null)) {
                hint = j;
                return c;
            }
        }
        return spill.isEmpty() ? null : spill.poll();
    }

    /** Makes {@code c}, which no thread uses any more, available to {@link #take}. */
    void give(TxnContext c) {
        int start = hint;
        for (int k = 0; k < SLOTS; k++) {
            int j = (start + k) & MASK;
            if (cells.getPlain(j) == null && cells.compareAndSet(j, null, c)) {
                hint = j;
                return;
            }
        }
        spill.offer(c);
    }

    /** How many contexts are idle here (racy; for tests and diagnostics). */
    int size() {
        int n = spill.size();
        for (int j = 0; j < SLOTS; j++) {
            if (cells.get(j) != null) {
                n++;
            }
        }
        return n;
    }
}
