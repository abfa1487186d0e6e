package org.stm4j.internal.report;

import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;

/**
 * One line of the conflict report: the aborts of blocks from one site, lost to one winner site, on
 * one structure part (or TVar). Updated concurrently by aborting threads (adders: no lock, no
 * allocation, no shared cache line once contended).
 */
final class Row {
    private static final int CAUSES = AbortCause.values().length;

    final String site;
    final @Nullable String winner;
    final @Nullable String structure;
    /** The recorder's generation when this row was made: a row of an earlier one was reset away. */
    final int generation;
    private final LongAdder[] aborts = new LongAdder[CAUSES];
    private final LongAdder attempts = new LongAdder();
    private final LongAdder lostNanos = new LongAdder();
    private final LongAdder escalations = new LongAdder();

    Row(String site, @Nullable String winner, @Nullable String structure, int generation) {
        this.site = site;
        this.winner = winner;
        this.structure = structure;
        this.generation = generation;
        for (int i = 0; i < CAUSES; i++) {
            aborts[i] = new LongAdder();
        }
    }

    void aborted(AbortCause cause, long lost) {
        aborts[cause.ordinal()].increment();
        if (cause != AbortCause.RETRY && lost > 0) {
            lostNanos.add(lost);
        }
    }

    /** Time lost by an earlier abort, known only now (see BlockObservation: first attempts are estimated). */
    void lost(long nanos) {
        lostNanos.add(nanos);
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
            byCause[i] = aborts[i].sum();
        }
        return new RowSnapshot(site, winner, structure, new AbortCounts(byCause), attempts.sum(), lostNanos.sum(),
                escalations.sum());
    }
}
