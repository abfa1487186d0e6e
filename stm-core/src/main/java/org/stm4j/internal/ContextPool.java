package org.stm4j.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Predicate;

/**
 * The contexts no thread holds: where a context lent to a block goes when the block ends, and where
 * the next block that needs one takes it from ({@link Contexts}).
 *
 * <h2>Algorithm</h2>
 * Two arrays of {@value #CELLS} cells ({@link Tier}), each cell empty or holding one idle context,
 * and a queue behind them. {@link Tier#give} CASes a context into an empty cell, {@link Tier#take}
 * CASes a context out of a full one; both start at the tier's {@code hint}, the cell used last, so
 * a block that ends and the next one that starts (the common case: one request after another on
 * the same carrier) meet at the same cell and the same context. Contexts beyond a tier's capacity
 * — more than {@value #CELLS} idle at once, after a burst of concurrent blocks — go to the queue
 * (which allocates a node; only past the burst).
 *
 * <p>The first tier holds the contexts with a version slot (all contexts, if the clock has no
 * slots), the second those without; {@link #take} empties the first before the second. There are
 * at most {@link Meta#MAX_SLOT} (63) slots and they are never given back (a slot belongs to a context
 * for life), so the first tier never overflows, and a block gets a context with a slot whenever
 * one is idle. That matters twice over: a commit without a slot advances the shared clock (a CAS
 * on a contended line, where a slotted one usually does not), and it cannot be attributed — the
 * conflict report and a contention manager name a committer through the slot in its version word,
 * so a block beaten by a slot-less commit learns only "winner unknown". With one tier, a pool left
 * with thousands of contexts by a burst handed out whichever sat at the hint, and kept handing out
 * the same one: seen as {@code ConflictReportTest} naming no winner, 1 run in 8 with every thread
 * borrowing.
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
 * A tier's {@code hint} is a plain racy field: a stale value only lengthens a scan. When no slotted
 * context is idle, a take scans the first tier's {@value #CELLS} cells in vain before the second
 * (as an empty pool always did); that happens when the slots all belong to contexts in use.
 */
final class ContextPool {
    private static final int CELLS = 64;
    private static final int MASK = CELLS - 1;

    /** Contexts with a version slot, or every context if the clock has none. */
    private final Tier slotted = new Tier();
    /** Contexts without a version slot (slots are all taken). */
    private final Tier slotless = new Tier();
    private final ConcurrentLinkedQueue<TxnContext> spill = new ConcurrentLinkedQueue<>();
    /** Which contexts go to the first tier. */
    private final Predicate<TxnContext> firstTier;

    /** The engine's pool: the first tier is for contexts with a version slot (all, if the clock has none). */
    ContextPool() {
        this(VersionClock.CLOCK.usesSlots() ? c -> c.versionSlot != 0 : c -> true);
    }

    /** A pool whose first tier holds the contexts {@code firstTier} accepts (tests choose them). */
    ContextPool(Predicate<TxnContext> firstTier) {
        this.firstTier = firstTier;
    }

    /** An idle context, now the caller's alone, or null if none is idle; one with a version slot if any is. */
    TxnContext take() {
        TxnContext c = slotted.take();
        if (c == null) {
            c = slotless.take();
            if (c == null && !spill.isEmpty()) {
                c = spill.poll();
            }
        }
        return c;
    }

    /** Makes {@code c}, which no thread uses any more, available to {@link #take}. */
    void give(TxnContext c) {
        Tier tier = firstTier.test(c) ? slotted : slotless;
        if (!tier.give(c)) {
            spill.offer(c);
        }
    }

    /** How many contexts are idle here (racy; for tests and diagnostics). */
    int size() {
        return spill.size() + slotted.size() + slotless.size();
    }

    /** {@value #CELLS} cells and a hint: see the class comment. */
    private static final class Tier {
        private final AtomicReferenceArray<TxnContext> cells = new AtomicReferenceArray<>(CELLS);
        /** The cell given to or taken from last: where the next scan starts. */
        private int hint;

        TxnContext take() {
            int start = hint;
            for (int k = 0; k < CELLS; k++) {
                int j = (start - k) & MASK;
                TxnContext c = cells.getPlain(j);
                if (c != null && cells.compareAndSet(j, c, null)) {
                    hint = j;
                    return c;
                }
            }
            return null;
        }

        boolean give(TxnContext c) {
            int start = hint;
            for (int k = 0; k < CELLS; k++) {
                int j = (start + k) & MASK;
                if (cells.getPlain(j) == null && cells.compareAndSet(j, null, c)) {
                    hint = j;
                    return true;
                }
            }
            return false;
        }

        int size() {
            int n = 0;
            for (int j = 0; j < CELLS; j++) {
                if (cells.get(j) != null) {
                    n++;
                }
            }
            return n;
        }
    }
}
