package org.stm4j.internal;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;
import org.stm4j.AbortCause;

/**
 * Per-context statistics counters, summed on request. The thread the context is bound to increments
 * plain fields (no shared write, so statistics are cheap enough to leave on); a reader sums them
 * racily, which gives each counter's value at some recent instant. Contexts are never discarded (a
 * terminated thread's context is taken over by a new thread, which goes on counting in it), so a sum
 * over {@link #live} is exact without any registry of threads; {@link #retired} only serves records
 * registered with an owner object whose death retires them.
 *
 * <p>Retiring and summing exclude each other ({@link #folding}; neither is on a transaction's path),
 * so a sum sees a dead thread's counts exactly once — in {@link #live} or in {@link #retired}, never
 * in neither — and the totals a caller sees never go backwards when a thread dies. The same lock
 * guards {@link #live}, a plain list with swap-removal by index: registering (once per thread) and
 * retiring are O(1) and hash nothing (an identity-hash set degrades to a linear walk when hash codes
 * collide, as they do under Lincheck, which fixes them).
 */
final class Counters {
    static final int COMMITS = 0;
    static final int READ_ONLY = 1;
    static final int IRREVOCABLE = 2;
    static final int FIRST_ABORT = 3;
    static final int SIZE = FIRST_ABORT + AbortCause.values().length;

    private static final ArrayList<Counters> live = new ArrayList<>();
    private static final AtomicLongArray retired = new AtomicLongArray(SIZE);
    private static final Cleaner cleaner = Cleaner.create();
    private static final ReentrantLock folding = new ReentrantLock();

    /** Update commits, read-only commits and irrevocable runs: plain fields, one increment per commit. */
    long updates;
    long readOnly;
    long irrevocable;
    /** This record's position in {@link #live} (guarded by {@link #folding}). */
    private int liveIndex;
    /** Aborts by cause, at {@code cause.ordinal()}. */
    final long[] aborts = new long[AbortCause.values().length];

    /**
     * Creates the counters of a new context. Contexts are never discarded (a terminated thread's
     * context is taken over by a new thread), so these stay in {@link #live} for good.
     */
    static Counters register() {
        Counters c = new Counters();
        folding.lock();
        try {
            c.liveIndex = live.size();
            live.add(c);
        } finally {
            folding.unlock();
        }
        return c;
    }

    /** Creates the counters of {@code owner}; they are retired once {@code owner} is unreachable. */
    static Counters register(Object owner, Runnable alsoOnDeath) {
        Counters c = register();
        cleaner.register(owner, () -> {
            c.retire();
            alsoOnDeath.run();
        });
        return c;
    }

    private void retire() {
        folding.lock();
        try {
            long[] mine = values();
            for (int i = 0; i < SIZE; i++) {
                retired.addAndGet(i, mine[i]);
            }
            Counters last = live.remove(live.size() - 1);
            if (last != this) {
                live.set(liveIndex, last);
                last.liveIndex = liveIndex;
            }
        } finally {
            folding.unlock();
        }
    }

    void abort(AbortCause cause) {
        aborts[cause.ordinal()]++;
    }

    /** These counters, indexed as {@link #snapshot()}. */
    private long[] values() {
        long[] v = new long[SIZE];
        v[COMMITS] = readOnly + updates;
        v[READ_ONLY] = readOnly;
        v[IRREVOCABLE] = irrevocable;
        System.arraycopy(aborts, 0, v, FIRST_ABORT, aborts.length);
        return v;
    }

    /** The process-wide sums: commits, read-only, irrevocable, then aborts by cause. */
    static long[] snapshot() {
        long[] sum = new long[SIZE];
        folding.lock();
        try {
            for (int i = 0; i < SIZE; i++) {
                sum[i] = retired.get(i);
            }
            for (Counters c : live) {
                long[] cs = c.values();
                for (int i = 0; i < SIZE; i++) {
                    sum[i] += cs[i];
                }
            }
        } finally {
            folding.unlock();
        }
        return sum;
    }
}
