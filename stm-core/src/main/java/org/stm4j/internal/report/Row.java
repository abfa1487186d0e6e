package org.stm4j.internal.report;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;

/**
 * One line of the conflict report: the aborts of blocks from one site, lost to one winner site, on
 * one structure part (or TVar). Updated concurrently by aborting threads (adders and an atomic array:
 * no lock, no allocation).
 */
final class Row {
    private static final int CAUSES = AbortCause.values().length;

    final String site;
    final @Nullable String winner;
    final @Nullable String structure;
    private final AtomicLongArray aborts = new AtomicLongArray(CAUSES);
    private final LongAdder attempts = new LongAdder();
    private final LongAdder lostNanos = new LongAdder();
    private final LongAdder escalations = new LongAdder();

    Row(String site, @Nullable String winner, @Nullable String structure) {
        this.site = site;
        this.winner = winner;
        this.structure = structure;
    }

    void aborted(AbortCause cause, long lost) {
        aborts.incrementAndGet(cause.ordinal());
        if (cause != AbortCause.RETRY) {
            lostNanos.add(lost);
        }
    }

    void attempts(int n) {
        attempts.add(n);
    }

    void escalated() {
        escalations.increment();
    }

    /** A consistent-enough copy (each counter read once). */
    RowSnapshot snapshot() {
        long[] byCause = new long[CAUSES];
        for (int i = 0; i < CAUSES; i++) {
            byCause[i] = aborts.get(i);
        }
        return new RowSnapshot(site, winner, structure, new AbortCounts(byCause), attempts.sum(), lostNanos.sum(),
                escalations.sum());
    }
}
