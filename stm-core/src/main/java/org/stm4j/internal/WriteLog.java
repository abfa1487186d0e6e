package org.stm4j.internal;

import java.util.Arrays;
import org.stm4j.TVar;

/**
 * The redo log of one attempt: each TVar written, its pending value, and (while the commit holds
 * its lock) the metadata word it replaced. Entries keep insertion order, which is also the order
 * commit locks them in.
 *
 * <p>Lookup: up to {@link #LINEAR} entries are scanned (a few reference compares beat hashing);
 * beyond that an open-addressing index by identity hash is built and maintained.
 *
 * <p>Clearing nulls every pending value (they are the user's objects), but, like {@link ReadLog},
 * leaves the first {@link ReadLog#KEEP} TVar references to be overwritten by the next attempt.
 *
 * <p>Partial rollback ({@code orElse}, and a nested {@code atomic} that throws): {@link #mark()}
 * returns a position; overwriting an entry older than the newest mark pushes its previous value on
 * an undo stack; {@link #rollbackTo(long)} restores those values and drops the newer entries.
 */
final class WriteLog {
    private static final int LINEAR = 8;
    private static final int INITIAL = 16;
    private static final int SHRINK_ABOVE = 1 << 12;

    TVar<?>[] vars = new TVar<?>[INITIAL];
    Object[] values = new Object[INITIAL];
    long[] oldMetas = new long[INITIAL];
    int size;
    /** Whether a {@link Deferred} value was put since the last clear (commit then resolves them). */
    boolean hasDeferred;

    /** index[h] = entry + 1, or 0 for empty; null while size <= LINEAR. */
    private int[] index;

    /** Entries below this were there when the newest open mark was taken. */
    private int markedSize;
    private int[] undoEntries = new int[4];
    private Object[] undoValues = new Object[4];
    private int undoSize;

    /** The entry of {@code var}, or -1. */
    int find(TVar<?> var) {
        int n = size;
        if (index == null) {
            TVar<?>[] vs = vars;
            for (int i = 0; i < n; i++) {
                if (vs[i] == var) {
                    return i;
                }
            }
            return -1;
        }
        int[] idx = index;
        int mask = idx.length - 1;
        for (int h = hash(var) & mask;; h = (h + 1) & mask) {
            int e = idx[h];
            if (e == 0) {
                return -1;
            }
            if (vars[e - 1] == var) {
                return e - 1;
            }
        }
    }

    void put(TVar<?> var, Object value) {
        int i = find(var);
        if (i >= 0) {
            if (i < markedSize) {
                pushUndo(i, values[i]);
            }
            values[i] = value;
            return;
        }
        int n = size;
        if (n == vars.length) {
            grow();
        }
        vars[n] = var;
        values[n] = value;
        size = n + 1;
        if (index != null) {
            insertIndex(n);
            if (size * 2 > index.length) {
                rebuildIndex(index.length * 2);
            }
        } else if (size > LINEAR) {
            rebuildIndex(64);
        }
    }

    private static int hash(Object o) {
        int h = System.identityHashCode(o);
        return h ^ (h >>> 16);
    }

    private void insertIndex(int entry) {
        int[] idx = index;
        int mask = idx.length - 1;
        int h = hash(vars[entry]) & mask;
        while (idx[h] != 0) {
            h = (h + 1) & mask;
        }
        idx[h] = entry + 1;
    }

    private void rebuildIndex(int capacity) {
        int cap = capacity;
        while (cap < size * 2) {
            cap *= 2;
        }
        index = new int[cap];
        for (int i = 0; i < size; i++) {
            insertIndex(i);
        }
    }

    private void grow() {
        int cap = vars.length * 2;
        vars = Arrays.copyOf(vars, cap);
        values = Arrays.copyOf(values, cap);
        oldMetas = Arrays.copyOf(oldMetas, cap);
    }

    private void pushUndo(int entry, Object previous) {
        if (undoSize == undoEntries.length) {
            undoEntries = Arrays.copyOf(undoEntries, undoSize * 2);
            undoValues = Arrays.copyOf(undoValues, undoSize * 2);
        }
        undoEntries[undoSize] = entry;
        undoValues[undoSize] = previous;
        undoSize++;
    }

    /** Open marks, three ints each: markedSize, size and undoSize when the mark was taken. */
    private int[] marks = new int[12];
    private int markDepth;

    /** Opens a mark; returns the depth to {@link #rollbackTo} or {@link #release} it with. */
    int mark() {
        int d = markDepth;
        if (d * 3 == marks.length) {
            marks = Arrays.copyOf(marks, marks.length * 2);
        }
        marks[d * 3] = markedSize;
        marks[d * 3 + 1] = size;
        marks[d * 3 + 2] = undoSize;
        markDepth = d + 1;
        markedSize = size;
        return d;
    }

    /** Closes mark {@code depth} (the newest), keeping what was written since: the nested block succeeded. */
    void release(int depth) {
        markDepth = depth;
        markedSize = marks[depth * 3];
        if (depth == 0 && undoSize > 0) {
            Arrays.fill(undoValues, 0, undoSize, null);
            undoSize = 0;
        }
    }

    /** Undoes every write since mark {@code depth} was taken, and closes it. */
    void rollbackTo(int depth) {
        int sizeAtMark = marks[depth * 3 + 1];
        int undoAtMark = marks[depth * 3 + 2];
        for (int u = undoSize - 1; u >= undoAtMark; u--) {
            values[undoEntries[u]] = undoValues[u];
            undoValues[u] = null;
        }
        undoSize = undoAtMark;
        for (int i = sizeAtMark; i < size; i++) {
            vars[i] = null;
            values[i] = null;
        }
        size = sizeAtMark;
        if (index != null) {
            if (size > LINEAR) {
                rebuildIndex(index.length);
            } else {
                index = null;
            }
        }
        markDepth = depth;
        markedSize = marks[depth * 3];
    }

    void clear() {
        int n = size;
        if (vars.length > SHRINK_ABOVE) {
            Arrays.fill(vars, 0, n, null); // first, without allocating: clearing must work on a full heap
            Arrays.fill(values, 0, n, null);
            try {
                TVar<?>[] smallVars = new TVar<?>[INITIAL];
                Object[] smallValues = new Object[INITIAL];
                long[] smallMetas = new long[INITIAL];
                vars = smallVars;
                values = smallValues;
                oldMetas = smallMetas;
            } catch (OutOfMemoryError heapFull) {
                // keep the big (now empty) arrays; the next clear() shrinks them
            }
        } else if (n > 0) {
            Object[] xs = values;
            for (int i = 0; i < n; i++) {
                xs[i] = null;
            }
            if (n > ReadLog.KEEP) {
                Arrays.fill(vars, ReadLog.KEEP, n, null);
            }
        }
        size = 0;
        hasDeferred = false;
        if (index != null) {
            index = null;
        }
        markedSize = 0;
        markDepth = 0;
        if (undoSize > 0) {
            Arrays.fill(undoValues, 0, undoSize, null);
            undoSize = 0;
        }
    }
}
