package org.stm4j.cm;

import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.RandomBackoff;
import org.stm4j.spi.TxnView;

/**
 * {@code "polka"}: Karma with randomized exponential backoff (Scherer &amp; Scott, "Advanced
 * Contention Management for Dynamic Software Transactional Memory", PODC 2005, where it was the best
 * policy overall).
 *
 * <p><b>Rule.</b> As {@link KarmaManager}, but a weaker transaction waits {@code gap} rounds (the
 * karma difference) whose intervals grow exponentially: round {@code n} waits a random time in
 * {@code [c/2, c]} with {@code c = min(}{@value #BASE_NANOS}{@code  << n, }{@value #MAX_NANOS}{@code )}
 * ns. Then it aborts the enemy.
 *
 * <p><b>In a lazy STM.</b> As for Karma: the exponential rounds are spent on the held lock; after
 * them (or at once when not weaker) the committing enemy gets a hand-off of
 * {@value LazyMapping#HANDOFF_ROUNDS} rounds, then the transaction aborts itself and re-runs in
 * {@code PRIORITY} mode with priority = karma, so committers with less karma yield to its visible
 * reads. The engine's attempt limit makes a block that keeps losing irrevocable. Needs from the SPI:
 * the lock holder's view in {@code onLocked} and the reader's in {@code yieldsTo}. The ranking is
 * {@link KarmaOrder}, shared with {@link KarmaManager}; the rounds are an {@link ExponentialBackoff}.
 * Stateless: one instance serves every thread.
 */
public final class PolkaManager implements ContentionManager {
    /** The first back-off interval. */
    static final long BASE_NANOS = 1_000;
    /** The longest back-off interval. */
    static final long MAX_NANOS = 1_000_000;

    /** A weaker transaction's round: an exponential back-off (one instance, no allocation per wait). */
    private final KarmaOrder.RoundWait exponentialRound;

    /** The Polka policy. */
    public PolkaManager() {
        this(Pause.PARK);
    }

    PolkaManager(Pause pause) {
        this.exponentialRound = ExponentialBackoff.jittered(BASE_NANOS, MAX_NANOS, pause)::backOff;
    }

    /**
     * The short name.
     *
     * @return {@code "polka"}
     */
    @Override
    public String name() {
        return "polka";
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
     * Exponential rounds while weaker, then a hand-off.
     *
     * @param tx       the transaction that met the lock
     * @param owner    the committer holding it, or {@code null} if unknown
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return whether to keep waiting
     */
    @Override
    public boolean onLocked(TxnView tx, @Nullable TxnView owner, int spins, boolean atCommit) {
        return KarmaOrder.onLocked(tx, owner, spins, exponentialRound);
    }

    /** The longest wait of back-off round {@code round}. */
    static long ceilingNanos(int round) {
        return RandomBackoff.ceilingNanos(BASE_NANOS, MAX_NANOS, round);
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
