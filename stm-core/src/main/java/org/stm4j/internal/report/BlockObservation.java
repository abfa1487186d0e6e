package org.stm4j.internal.report;

import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;
import org.stm4j.TVar;

/**
 * What the engine keeps about one observed top-level block (one started while the conflict report
 * was on or a listener registered): its site, when it started, when its last attempt started, and the
 * conflict-report rows its aborts went to (so each row learns how many attempts its blocks took).
 * One per context, reused from block to block; a block run from a hook gets its own (the engine
 * swaps the reference around the hooks). Written only by the context's thread; another thread reads
 * its site fields racily, without synchronization, to name the winner of a conflict: they hold
 * immutable strings (safely published by their final fields), so a racing reader sees a site, the
 * previous one, or null — good enough for a report, and no fence on the owner's path.
 */
public final class BlockObservation {
    private static final int MAX_ROWS = 4;

    private int flags;
    private @Nullable Class<?> blockClass;
    /** The block's site if known: cached for application classes, walked at the first abort otherwise. */
    private @Nullable String site;
    /** The site of the last block this context committed, for a conflict lost to that commit. */
    private @Nullable String lastCommittedSite;
    private long startNanos;
    private long markNanos;
    private final Row[] rows = new Row[MAX_ROWS];
    private int rowCount;
    private @Nullable Row lastRow;

    /**
     * Starts observing a block.
     *
     * @param observerFlags {@link Observers#flags} as read at the block's start (non-zero)
     * @param block         the block
     */
    public void start(int observerFlags, Object block) {
        flags = observerFlags;
        if ((observerFlags & Observers.REPORT) != 0) {
            Class<?> c = block.getClass();
            blockClass = c;
            site = Sites.cachedSiteOf(c); // a stack walk the first time c runs: before the clock starts
        } else {
            blockClass = null;
            site = null;
        }
        if ((observerFlags & (Observers.REPORT | Observers.LONG_LISTENERS)) != 0) {
            startNanos = markNanos = System.nanoTime();
        }
    }

    /** Whether listeners were registered when the block started. */
    public boolean listening() {
        return (flags & Observers.LISTENERS) != 0;
    }

    /**
     * An attempt was rolled back: records it in the conflict report (if on at the block's start).
     * Called by the aborting thread after the rollback released everything, while still inside the
     * block's {@code execute} (so a stack walk finds the block's site).
     *
     * @param cause   why
     * @param var     the conflicting TVar, or null
     * @param winner  the winner's observation, or null if unknown
     * @param winnerCommitted whether the winner is the last commit of that context (the TVar holds its
     *     version) rather than the block it is running (it holds the TVar's lock)
     */
    public void aborted(AbortCause cause, @Nullable TVar<?> var, @Nullable BlockObservation winner,
            boolean winnerCommitted) {
        if ((flags & Observers.REPORT) == 0) {
            return;
        }
        long now = System.nanoTime();
        long lost = now - markNanos;
        markNanos = now;
        String mine = siteForAbort();
        String theirs = null;
        String structure = null;
        if (cause != AbortCause.RETRY && cause != AbortCause.EXCEPTION) {
            theirs = winner == null ? null : winnerCommitted ? winner.lastCommittedSite : winner.siteForWinner();
            structure = var == null ? null : ConflictRecorder.describe(var);
        }
        Row row = ConflictRecorder.row(mine, theirs, structure);
        row.aborted(cause, lost);
        lastRow = row;
        remember(row);
    }

    /** The last abort made the block irrevocable (its next attempt runs with the token). */
    public void escalated() {
        Row r = lastRow;
        if (r != null) {
            r.escalated();
        }
    }

    /** A retry wait ended: waiting is not time lost. */
    public void resumed() {
        markNanos = System.nanoTime();
    }

    /**
     * The block committed.
     */
    public void committed() {
        if ((flags & Observers.REPORT) != 0) {
            String s = site;
            if (s == null) {
                Class<?> c = blockClass;
                s = c == null ? null : Sites.describeLibraryBlock(c);
            }
            lastCommittedSite = s;
        }
    }

    /** Nanoseconds since the block started (timed only when the report or a long-transaction listener is on). */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /**
     * The block ended (committed or given up): each row it aborted in learns its attempts.
     *
     * @param attempts the block's attempts
     */
    public void ended(int attempts) {
        for (int i = 0; i < rowCount; i++) {
            rows[i].attempts(attempts);
            rows[i] = null;
        }
        rowCount = 0;
        lastRow = null;
        blockClass = null;
        site = null;
    }

    /** Whether long transactions are watched. */
    public boolean timesLongTransactions() {
        return (flags & Observers.LONG_LISTENERS) != 0;
    }

    /** The running block's site, found by a stack walk of the calling thread if not known yet. */
    public String siteOrWalk() {
        return siteForAbort();
    }

    /** The site of the block running here, else of the last one committed here; null if unknown. */
    public @Nullable String lastKnownSite() {
        String s = siteForWinner();
        return s != null ? s : lastCommittedSite;
    }

    private String siteForAbort() {
        String s = site;
        if (s == null) {
            s = Sites.current();
            site = s;
        }
        return s;
    }

    /** The site to name when the block this context runs won a conflict (it held the lock). */
    private @Nullable String siteForWinner() {
        String s = site;
        if (s != null) {
            return s;
        }
        Class<?> c = blockClass;
        return c != null ? Sites.describeLibraryBlock(c) : null;
    }

    private void remember(Row row) {
        for (int i = 0; i < rowCount; i++) {
            if (rows[i] == row) {
                return;
            }
        }
        if (rowCount < MAX_ROWS) {
            rows[rowCount++] = row;
        }
    }
}
