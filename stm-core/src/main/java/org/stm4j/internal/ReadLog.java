package org.stm4j.internal;

import org.stm4j.TVar;

/**
 * The read set of one attempt: each TVar read (outside the write set) with the metadata word seen.
 * Parallel arrays, reused from attempt to attempt; only the used prefix is cleared, and arrays
 * grown past {@link #SHRINK_ABOVE} by one large transaction are dropped again afterwards.
 * A TVar read twice is recorded twice (cheaper than looking it up on every read).
 */
final class ReadLog {
    private static final int INITIAL = 32;
    private static final int SHRINK_ABOVE = 1 << 14;

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
        } else {
            for (int i = 0; i < n; i++) {
                vs[i] = null;
            }
        }
        size = 0;
    }
}
