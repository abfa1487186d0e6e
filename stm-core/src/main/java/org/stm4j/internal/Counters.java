package org.stm4j.internal;

import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.stm4j.AbortCause;
import org.stm4j.internal.report.AbortCounts;

/**
 * Per-context statistics counters, summed on request. The thread the context is bound to increments
 * plain fields (no shared write, so statistics are cheap enough to leave on); a reader sums them
 * racily, which gives each counter's value at some recent instant. Contexts are never discarded (a
 * terminated thread's context is taken over by a new thread, which goes on counting in it), so a sum
 * over {@link #live} is exact without any registry of threads, and totals never go backwards.
 * {@link #live} is a plain list guarded by {@link #lock} (appended to once per context, summed on
 * request; neither is on a transaction's path).
 */
public final class Counters {
    private static final AbortCause[] CAUSES = AbortCause.values();

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

    /** The process-wide sums. */
    static Totals snapshot() {
        long updates = 0;
        long readOnly = 0;
        long irrevocable = 0;
        AbortCounts.Builder aborts = new AbortCounts.Builder();
        lock.lock();
        try {
            for (Counters c : live) {
                updates += c.updates;
                readOnly += c.readOnly;
                irrevocable += c.irrevocable;
                for (AbortCause cause : CAUSES) {
                    aborts.add(cause, c.aborts[cause.ordinal()]);
                }
            }
        } finally {
            lock.unlock();
        }
        return new Totals(updates + readOnly, readOnly, irrevocable, aborts.build());
    }

    /** Process-wide totals: commits (read-only ones included), read-only commits, irrevocable runs, aborts. */
    public static final class Totals {
        public final long commits;
        public final long readOnlyCommits;
        public final long irrevocableRuns;
        public final AbortCounts aborts;

        Totals(long commits, long readOnlyCommits, long irrevocableRuns, AbortCounts aborts) {
            this.commits = commits;
            this.readOnlyCommits = readOnlyCommits;
            this.irrevocableRuns = irrevocableRuns;
            this.aborts = aborts;
        }
    }
}
