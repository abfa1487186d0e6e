package org.stm4j.internal;

import org.stm4j.TVar;

/**
 * The read set of one attempt: each TVar read (outside the write set) with the metadata word seen.
 * Parallel arrays, reused from attempt to attempt, and arrays grown past {@link #SHRINK_ABOVE} by one
 * large transaction are dropped again afterwards. A TVar read twice is recorded twice (cheaper than
 * looking it up on every read).
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

    void add(TVar<?> var, long meta) {
        int n = size;
        if (n == vars.length) {
            grow();
        }
        vars[n] = var;
        metas[n] = meta;
        size = n + 1;
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
            vars = new TVar<?>[INITIAL];
            metas = new long[INITIAL];
        } else if (n > KEEP) {
            for (int i = KEEP; i < n; i++) {
                vs[i] = null;
            }
        }
        size = 0;
    }
}
