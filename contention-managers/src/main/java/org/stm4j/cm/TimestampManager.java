package org.stm4j.cm;

import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "timestamp"}: the older transaction wins; the younger waits a bounded time (Scherer &amp;
 * Scott, "Contention Management in Dynamic Software Transactional Memory", CSJP 2004).
 *
 * <p><b>Rule.</b> Transactions are ordered by age. On a conflict the older one aborts the younger;
 * the younger waits in fixed intervals for the older to finish, and after a number of intervals with
 * no progress it considers the enemy defunct and aborts it.
 *
 * <p><b>In a lazy STM.</b> Age is {@link TxnView#ticket()}: a global order assigned at a block's first
 * abort (a block that never aborted needs no seniority and counts as youngest; two such blocks are
 * equals). At a lock:
 * <ul>
 *   <li>younger than (or as young as) the committing holder: wait in intervals of
 *       {@value #INTERVAL_NANOS} ns, at most {@value #MAX_INTERVALS} of them; the holder is then
 *       taken as defunct (descheduled mid-commit), and since a committer cannot be aborted, the
 *       transaction aborts itself;</li>
 *   <li>older: give the commit a hand-off of {@value LazyMapping#HANDOFF_ROUNDS} rounds, then abort
 *       itself and re-run with visible reads.</li>
 * </ul>
 * After an abort a block re-runs in {@code PRIORITY} mode (priority = consecutive aborts); a commit
 * yields to a visible reader older than itself — the lazy form of "the older aborts the younger".
 * An unknown holder is treated as an equal. The engine's attempt limit makes a block that keeps losing
 * irrevocable. Needs from the SPI: the holder's and the reader's views (their tickets), compared by
 * {@link TicketOrder} as in {@link GreedyManager}. Stateless.
 */
public final class TimestampManager implements ContentionManager {
    /** The fixed wait interval of a younger transaction. */
    static final long INTERVAL_NANOS = 5_000;
    /** Intervals after which the holder counts as defunct. */
    static final int MAX_INTERVALS = 32;

    private final Pause pause;

    /** The Timestamp policy. */
    public TimestampManager() {
        this(Pause.PARK);
    }

    TimestampManager(Pause pause) {
        this.pause = pause;
    }

    /**
     * The short name.
     *
     * @return {@code "timestamp"}
     */
    @Override
    public String name() {
        return "timestamp";
    }

    /**
     * Re-runs in priority mode, at once.
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return {@link AttemptMode#PRIORITY}
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        return AttemptMode.PRIORITY;
    }

    /**
     * Younger: bounded fixed-interval waits. Older: a hand-off.
     *
     * @param tx       the transaction that met the lock
     * @param owner    the committer holding it, or {@code null} if unknown
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return whether to keep waiting
     */
    @Override
    public boolean onLocked(TxnView tx, @Nullable TxnView owner, int spins, boolean atCommit) {
        if (TicketOrder.olderThan(tx, owner)) {
            return spins < LazyMapping.HANDOFF_ROUNDS;
        }
        if (spins < MAX_INTERVALS) {
            pause.pause(INTERVAL_NANOS);
            return true;
        }
        return false;
    }

    /**
     * A committer yields to an older reader.
     *
     * @param tx             the committing transaction
     * @param reader         the prioritized reader, or {@code null} if unknown
     * @param readerPriority the reader's published priority
     * @return whether {@code tx} aborts in favour of the reader
     */
    @Override
    public boolean yieldsTo(TxnView tx, @Nullable TxnView reader, int readerPriority) {
        return TicketOrder.yieldsTo(tx, reader, readerPriority);
    }
}
