package org.stm4j.internal.report;

import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;
import org.stm4j.TVar;

/**
 * What the engine keeps about one observed top-level block (one started while the conflict report
 * was on or a listener registered): its site, when its current attempt started (once an attempt has
 * aborted), and the conflict-report rows its aborts went to (so each row learns how many attempts its
 * blocks took). One per context, reused from block to block; a block run from a hook gets its own (the
 * engine swaps the reference around the hooks).
 *
 * <h2>Cost</h2>
 * A block that commits at its first attempt costs a few plain stores and one identity comparison (the
 * block's class against the last block's: the site is looked up again only when the class changes).
 * No clock is read for it: the time lost by a first attempt that aborts is <em>estimated</em> by the
 * duration of the attempt that follows it (the same code over nearly the same data; the first attempt
 * is not timed because timing every block would cost two clock reads on the common path). Attempts
 * after the first are timed exactly. An abort costs a clock read and, when its (site, winner, structure)
 * is the same as this context's previous abort's — the common case of a hot spot — a few adder
 * increments; otherwise a look-up in the recorder.
 *
 * <p>Written only by the context's thread; another thread reads its site fields racily, without
 * synchronization, to name the winner of a conflict: they hold immutable strings (safely published by
 * their final fields), so a racing reader sees a site, a previous one, or null — good enough for a
 * report, and no fence on the owner's path.
 */
public final class BlockObservation {
    private static final int MAX_ROWS = 4;
    /** What an attempt that could not become irrevocable (another block held the token) lost on. */
    static final String IRREVOCABILITY_TOKEN = "the irrevocability token";

    private int flags;
    /** The class of the last block observed here, and its cached site (null for a library class). */
    private @Nullable Class<?> blockClass;
    private @Nullable String siteOfClass;
    /** The running block's site if known: cached for application classes, walked at the first abort otherwise. */
    private @Nullable String site;
    /** The site of the last block this context committed, for a conflict lost to that commit. */
    private @Nullable String lastCommittedSite;
    private long startNanos;
    /** When the running attempt started, if it is timed (it follows an abort); else 0. */
    private long attemptStart;
    /** The row of an untimed first attempt's abort, to be credited with the next attempt's duration. */
    private @Nullable Row untimed;
    private final Row[] rows = new Row[MAX_ROWS];
    private int rowCount;
    private @Nullable Row lastRow;
    /** The previous abort's key and row, compared by identity (its strings come from caches). */
    private @Nullable String lastMine;
    private @Nullable String lastTheirs;
    private @Nullable String lastStructure;
    private @Nullable Row lastKeyRow;
    /** The previous conflicting TVar and its description. */
    private @Nullable TVar<?> lastVar;
    private @Nullable String lastDescription;

    /**
     * Starts observing a block.
     *
     * @param observerFlags {@link Observers#flags} as read at the block's start (non-zero)
     * @param block         the block
     */
    public void start(int observerFlags, Object block) {
        // Stores only what changed: other threads read these fields when this context wins a
        // conflict, so a block that runs like the last one leaves the cache line clean.
        if (flags != observerFlags) {
            flags = observerFlags;
        }
        if ((observerFlags & Observers.REPORT) != 0) {
            Class<?> c = block.getClass();
            if (c != blockClass) {
                siteOfClass = Sites.cachedSiteOf(c); // a stack walk the first time c runs anywhere
                blockClass = c;
            }
            if (site != siteOfClass) {
                site = siteOfClass;
            }
        }
        if ((observerFlags & Observers.LONG_LISTENERS) != 0) {
            startNanos = System.nanoTime();
        }
    }

    /** Whether listeners were registered when the block started. */
    public boolean listening() {
        return (flags & Observers.LISTENERS) != 0;
    }

    /** Whether long transactions are watched. */
    public boolean timesLongTransactions() {
        return (flags & Observers.LONG_LISTENERS) != 0;
    }

    /** Nanoseconds since the block started (valid only when {@link #timesLongTransactions()}). */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /**
     * An attempt was rolled back: records it in the conflict report (if on at the block's start).
     * Called by the aborting thread after the rollback released everything, while still inside the
     * block's {@code execute} (so a stack walk finds the block's site).
     *
     * @param cause           why
     * @param var             the conflicting TVar, or null
     * @param winner          the winner's observation, or null if unknown
     * @param winnerCommitted whether the winner is the last commit of that context (the TVar holds its
     *     version) rather than the block it is running (it holds the TVar's lock)
     */
    public void aborted(AbortCause cause, @Nullable TVar<?> var, @Nullable BlockObservation winner,
            boolean winnerCommitted) {
        if ((flags & Observers.REPORT) == 0) {
            return;
        }
        long now = System.nanoTime();
        long lost = attemptStart != 0 ? now - attemptStart : -1;
        attemptStart = now;
        creditUntimed(lost);
        String mine = siteOrWalk();
        String theirs = null;
        String structure = null;
        if (cause != AbortCause.RETRY && cause != AbortCause.EXCEPTION) {
            theirs = winner == null ? null : winnerCommitted ? winner.lastCommittedSite : winner.siteForWinner();
            structure = var != null ? describe(var)
                    : cause == AbortCause.IRREVOCABLE_UPGRADE ? IRREVOCABILITY_TOKEN : null;
        }
        Row row;
        if (mine == lastMine && theirs == lastTheirs && structure == lastStructure && lastKeyRow != null
                && ConflictRecorder.isCurrent(lastKeyRow)) {
            row = lastKeyRow;
        } else {
            row = ConflictRecorder.row(mine, theirs, structure);
            lastMine = mine;
            lastTheirs = theirs;
            lastStructure = structure;
            lastKeyRow = row;
        }
        row.aborted(cause, Math.max(lost, 0));
        if (lost < 0 && cause != AbortCause.RETRY) {
            untimed = row;
        }
        lastRow = row;
        remember(row);
    }

    private String describe(TVar<?> var) {
        if (var == lastVar) {
            return lastDescription;
        }
        String d = ConflictRecorder.describe(var);
        lastVar = var;
        lastDescription = d;
        return d;
    }

    /** Credits a first attempt's estimated loss: the duration of the attempt that followed it. */
    private void creditUntimed(long followingAttempt) {
        Row r = untimed;
        if (r != null && followingAttempt >= 0) {
            r.lost(followingAttempt);
            untimed = null;
        }
    }

    /**
     * The context committed a write outside any block ({@code TVar.set}, or a collection's one-step
     * update): a block that loses to that version names this winner {@code what}, not the context's
     * last block.
     *
     * @param what {@link Sites#TVAR_WRITE_OUTSIDE} or {@link Sites#COLLECTION_OPERATION_OUTSIDE}
     */
    public void committedOutside(String what) {
        lastCommittedSite = what;
    }

    /** The last abort made the block irrevocable (its next attempt runs with the token). */
    public void escalated() {
        Row r = lastRow;
        if (r != null) {
            r.escalated();
        }
    }

    /** A retry wait ended: waiting is not time lost; the next attempt is timed from here. */
    public void resumed() {
        if (attemptStart != 0) {
            attemptStart = System.nanoTime();
        }
    }

    /** The block committed. */
    public void committed() {
        if ((flags & Observers.REPORT) != 0) {
            if (untimed != null) {
                creditUntimed(System.nanoTime() - attemptStart);
            }
            String s = site;
            if (s == null) {
                Class<?> c = blockClass;
                s = c == null ? null : Sites.describeLibraryBlock(c);
            }
            if (lastCommittedSite != s) {
                lastCommittedSite = s;
            }
        }
    }

    /**
     * The block ended (committed or given up): each row it aborted in learns its attempts.
     *
     * @param attempts the block's attempts
     */
    public void ended(int attempts) {
        if (rowCount != 0) {
            for (int i = 0; i < rowCount; i++) {
                rows[i].attempts(attempts);
                rows[i] = null;
            }
            rowCount = 0;
            lastRow = null;
            untimed = null;
            attemptStart = 0;
        }
        // site is reset at the next start (to the class's site); a walked library site stays until then
    }

    /** The site of the block running here, else of the last one committed here; null if unknown. */
    public @Nullable String lastKnownSite() {
        String s = siteForWinner();
        return s != null ? s : lastCommittedSite;
    }

    /** The running block's site, found by a stack walk of the calling thread if not known yet. */
    public String siteOrWalk() {
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
        if (s == null) {
            s = siteOfClass; // the block ended since it won: its class's site, if an application's
        }
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
