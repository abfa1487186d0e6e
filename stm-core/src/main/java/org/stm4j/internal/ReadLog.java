package org.stm4j.internal;

import org.stm4j.TVar;

/**
 * The read set of one attempt: each TVar read (outside the write set) with the metadata word seen.
 * Parallel arrays, reused from attempt to attempt, and arrays grown past {@link #SHRINK_ABOVE} by one
 * large transaction are dropped again afterwards. A TVar read twice is recorded twice (cheaper than
 * looking it up on every read) — until the log is full: before it grows, duplicates are squeezed
 * out ({@link #compact()}), and it grows only if that frees less than a quarter. So a block that
 * reads the same few TVars millions of times keeps a log of the size of what it read, at an
 * amortized constant cost per read. Duplicates carry the same stable word (an extension validated
 * the earlier entry against the later), so keeping the first of each loses nothing.
 *
 * <p><b>Clearing.</b> Only {@link #size} says what is in the log; entries past it are never read.
 * The first {@link #KEEP} entries are not nulled when the log is cleared, only overwritten by the
 * next attempt: nulling them cost about 1.6 ns of a 13 ns read-only transaction (a loop and a GC
 * barrier per entry). The price is bounded retention: an idle thread's log keeps at most
 * {@value #KEEP} TVars (and so their current values) of its last transaction reachable; entries
 * past {@code KEEP} are nulled, so one large transaction retains no more than a small one.
 */
final class ReadLog {
    private static final int INITIAL = 32;
    private static final int SHRINK_ABOVE = 1 << 14;
    /** Entries below this index are left in place by {@link #clear()} (see the class comment). */
    static final int KEEP = 32;

    TVar<?>[] vars = new TVar<?>[INITIAL];
    long[] metas = new long[INITIAL];
    int size;

    /** Open-addressing scratch table of {@link #compact()}, reused; grows with the log. */
    private int[] seen;

    void add(TVar<?> var, long meta) {
        int n = size;
        if (n == vars.length) {
            n = compact();
            if (n > vars.length - (vars.length >> 2)) {
                grow();
            }
        }
        vars[n] = var;
        metas[n] = meta;
        size = n + 1;
    }

    /** Removes repeated TVars, keeping each one's first entry and the order; returns the new size. */
    private int compact() {
        int n = size;
        int cap = Integer.highestOneBit(n) << 2;
        int[] table = seen;
        if (table == null || table.length < cap) {
            table = new int[cap];
            seen = table;
        } else {
            java.util.Arrays.fill(table, 0, cap, 0);
        }
        int mask = cap - 1;
        TVar<?>[] vs = vars;
        long[] ms = metas;
        int kept = 0;
        outer:
        for (int i = 0; i < n; i++) {
            TVar<?> v = vs[i];
            int h = System.identityHashCode(v);
            for (int slot = (h ^ (h >>> 16)) & mask;; slot = (slot + 1) & mask) {
                int e = table[slot];
                if (e == 0) {
                    table[slot] = kept + 1;
                    break;
                }
                if (vs[e - 1] == v) {
                    continue outer;
                }
            }
            vs[kept] = v;
            ms[kept] = ms[i];
            kept++;
        }
        for (int i = kept; i < n; i++) {
            vs[i] = null;
        }
        size = kept;
        return kept;
    }

    private void grow() {
        int cap = vars.length * 2;
        vars = java.util.Arrays.copyOf(vars, cap);
        metas = java.util.Arrays.copyOf(metas, cap);
    }

    void clear() {
        int n = size;
        if (n == 0) {
            return;
        }
        TVar<?>[] vs = vars;
        if (vs.length > SHRINK_ABOVE) {
            seen = null;
            java.util.Arrays.fill(vs, 0, n, null); // first, without allocating: clearing must work on a full heap
            try {
                vars = new TVar<?>[INITIAL];
                metas = new long[INITIAL];
            } catch (OutOfMemoryError heapFull) {
                // keep the big (now empty) arrays; the next clear() shrinks them
            }
        } else if (n > KEEP) {
            for (int i = KEEP; i < n; i++) {
                vs[i] = null;
            }
        }
        size = 0;
    }
}
