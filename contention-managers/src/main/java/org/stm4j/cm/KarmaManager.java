package org.stm4j.cm;

import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "karma"}: the transaction that has done more work wins (Scherer &amp; Scott, "Contention
 * Management in Dynamic Software Transactional Memory", CSJP 2004).
 *
 * <p><b>Rule.</b> A transaction's karma is the number of objects it has accessed, summed over its
 * aborted attempts ({@link TxnView#karma()}). On a conflict, a transaction with less karma than its
 * enemy backs off for a fixed interval ({@value #BACKOFF_NANOS} ns) and asks again, gaining one point
 * per round; once its karma plus the rounds waited reaches the enemy's, it aborts the enemy.
 *
 * <p><b>In a lazy STM.</b> The enemy met at a lock is committing and cannot be aborted.
 * <ul>
 *   <li>Weaker than the lock's holder: wait as Karma says, backing off {@code gap} rounds, where
 *       {@code gap} is the karma difference;</li>
 *   <li>then (or at once, if not weaker) the transaction is entitled to abort the enemy: it gives the
 *       commit a hand-off of {@value LazyMapping#HANDOFF_ROUNDS} more rounds and, if the lock is still
 *       held, aborts itself;</li>
 *   <li>after any abort it re-runs in {@code PRIORITY} mode with priority = its karma: its reads are
 *       visible, and a committer with less karma that would overwrite one of them yields (aborts
 *       itself) — "abort the enemy" moved to the point where the enemy can still be stopped.</li>
 * </ul>
 * An unknown lock holder is waited on for the hand-off only. The engine's attempt limit makes a block
 * that keeps losing irrevocable, so none starves. Needs from the SPI: the lock holder's view in
 * {@code onLocked} and the reader's in {@code yieldsTo}. The ranking is {@link KarmaOrder}, shared with
 * {@link PolkaManager}. Stateless: one instance serves every thread.
 */
public final class KarmaManager implements ContentionManager {
    /** The fixed back-off interval of a weaker transaction. */
    static final long BACKOFF_NANOS = 2_000;

    private final KarmaOrder.RoundWait fixedRound;

    /** The Karma policy. */
    public KarmaManager() {
        this(Pause.PARK);
    }

    KarmaManager(Pause pause) {
        this.fixedRound = round -> pause.pause(BACKOFF_NANOS);
    }

    /**
     * The short name.
     *
     * @return {@code "karma"}
     */
    @Override
    public String name() {
        return "karma";
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
     * Karma's wait: back off while weaker, then a hand-off.
     *
     * @param tx       the transaction that met the lock
     * @param owner    the committer holding it, or {@code null} if unknown
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return whether to keep waiting
     */
    @Override
    public boolean onLocked(TxnView tx, @Nullable TxnView owner, int spins, boolean atCommit) {
        return KarmaOrder.onLocked(tx, owner, spins, fixedRound);
    }

    /**
     * A committer yields to a reader with more karma.
     *
     * @param tx             the committing transaction
     * @param reader         the prioritized reader, or {@code null} if unknown
     * @param readerPriority the reader's published priority (its karma when it began)
     * @return whether {@code tx} aborts in favour of the reader
     */
    @Override
    public boolean yieldsTo(TxnView tx, @Nullable TxnView reader, int readerPriority) {
        return KarmaOrder.yieldsTo(tx, reader, readerPriority);
    }

    /**
     * The priority of a re-run: the transaction's karma.
     *
     * @param tx the transaction
     * @return its karma, clamped to an int
     */
    @Override
    public int priorityOf(TxnView tx) {
        return KarmaOrder.priorityOf(tx);
    }
}
