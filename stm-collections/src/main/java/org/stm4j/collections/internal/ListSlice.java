package org.stm4j.collections.internal;

import org.stm4j.collections.ValueError;

/**
 * Python's slice arithmetic ({@code PySlice_Unpack} and {@code PySlice_AdjustIndices}): a slice
 * {@code [start:stop:step]} with omitted ({@code null}) parts, resolved against a length into the
 * indices {@code start, start + step, ...} ({@link #length} of them). Computed in {@code long}, so
 * extreme bounds and steps ({@code Integer.MIN_VALUE}) cannot overflow.
 */
public final class ListSlice {
    /** The first index (meaningful when {@link #length} {@code > 0}, or as the insertion point for step 1). */
    public final int start;
    /** The adjusted stop; for step 1 it may be below {@code start} (Python then treats it as {@code start}). */
    public final int stop;
    /** The step, never 0. */
    public final int step;
    /** How many indices the slice selects. */
    public final int length;

    private ListSlice(int start, int stop, int step, int length) {
        this.start = start;
        this.stop = stop;
        this.step = step;
        this.length = length;
    }

    /**
     * The step, 1 if omitted.
     *
     * @throws ValueError {@code slice step cannot be zero}
     */
    public static int step(Integer step) {
        if (step == null) {
            return 1;
        }
        if (step == 0) {
            throw new ValueError("slice step cannot be zero");
        }
        return step;
    }

    /**
     * Resolves {@code [start:stop:step]} against a sequence of {@code n} elements.
     *
     * @throws ValueError {@code slice step cannot be zero}
     */
    public static ListSlice of(Integer start, Integer stop, Integer step, int n) {
        int st = step(step);
        long lo = start == null ? (st < 0 ? n - 1L : 0) : adjust(start, n, st);
        long hi = stop == null ? (st < 0 ? -1L : n) : adjust(stop, n, st);
        long len;
        if (st < 0) {
            len = hi < lo ? (lo - hi - 1) / -(long) st + 1 : 0;
        } else {
            len = lo < hi ? (hi - lo - 1) / st + 1 : 0;
        }
        return new ListSlice((int) lo, (int) hi, st, (int) len);
    }

    /** {@code PySlice_AdjustIndices} for one bound. */
    private static long adjust(long index, int n, int step) {
        if (index < 0) {
            index += n;
            if (index < 0) {
                index = step < 0 ? -1 : 0;
            }
        } else if (index >= n) {
            index = step < 0 ? n - 1L : n;
        }
        return index;
    }

    /** The {@code j}-th selected index. */
    public int index(int j) {
        return (int) (start + (long) j * step);
    }
}
