package org.stm4j.internal;

import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.stm4j.AbortCause;

/**
 * Per-context statistics counters, summed on request. The thread the context is bound to increments
 * plain fields (no shared write, so statistics are cheap enough to leave on); a reader sums them
 * racily, which gives each counter's value at some recent instant. Contexts are never discarded (a
 * terminated thread's context is taken over by a new thread, which goes on counting in it), so a sum
 * over {@link #live} is exact without any registry of threads, and totals never go backwards.
 * {@link #live} is a plain list guarded by {@link #lock} (appended to once per context, summed on
 * request; neither is on a transaction's path).
 */
final class Counters {
    static final int COMMITS = 0;
    static final int READ_ONLY = 1;
    static final int IRREVOCABLE = 2;
    static final int FIRST_ABORT = 3;
    static final int SIZE = FIRST_ABORT + AbortCause.values().length;

    private static final ArrayList<Counters> live = new ArrayList<>();
    private static final ReentrantLock lock = new ReentrantLock();

    /** Update commits, read-only commits and irrevocable runs: plain fields, one increment per commit. */
    long updates;
    long readOnly;
    long irrevocable;
    /** Aborts by cause, at {@code cause.ordinal()}. */
    final long[] aborts = new long[AbortCause.values().length];

    /**
     * Creates the counters of a new context. Contexts are never discarded (a terminated thread's
     * context is taken over by a new thread), so these stay in {@link #live} for good.
     */
    static Counters register() {
        Counters c = new Counters();
        lock.lock();
        try {
            live.add(c);
        } finally {
            lock.unlock();
        }
        return c;
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
        lock.lock();
        try {
            for (Counters c : live) {
                long[] cs = c.values();
                for (int i = 0; i < SIZE; i++) {
                    sum[i] += cs[i];
                }
            }
        } finally {
            lock.unlock();
        }
        return sum;
    }
}
