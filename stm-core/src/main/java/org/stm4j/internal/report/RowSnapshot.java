package org.stm4j.internal.report;

import org.jspecify.annotations.Nullable;

/**
 * One conflict-report row, copied: see {@code org.stm4j.ConflictReport.Entry} for the meaning of
 * each field.
 */
public final class RowSnapshot {
    public final String site;
    public final @Nullable String winner;
    public final @Nullable String structure;
    public final AbortCounts aborts;
    public final long attempts;
    public final long lostNanos;
    public final long escalations;

    RowSnapshot(String site, @Nullable String winner, @Nullable String structure, AbortCounts aborts,
            long attempts, long lostNanos, long escalations) {
        this.site = site;
        this.winner = winner;
        this.structure = structure;
        this.aborts = aborts;
        this.attempts = attempts;
        this.lostNanos = lostNanos;
        this.escalations = escalations;
    }
}
