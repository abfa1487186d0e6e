package org.stm4j.cm;

import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "polite"}: back off exponentially before claiming the object (Herlihy, Luchangco, Moir,
 * Scherer, PODC 2003; Scherer &amp; Scott, CSJP 2004).
 *
 * <p><b>Rule.</b> On a conflict, wait a randomized, exponentially growing interval (here
 * {@value #BASE_NANOS} ns doubling: round {@code n} waits a random time in {@code [c/2, c]} with
 * {@code c = BASE_NANOS << n}) up to {@value #POLITE_ROUNDS} times for the enemy to finish; after
 * that, abort the enemy.
 *
 * <p><b>In a lazy STM.</b> The enemy is a committer holding a lock. The polite rounds map directly:
 * the transaction backs off while the lock stays held. Past them, "abort the enemy" has nothing to
 * act on (the committer is past its last check), so the transaction keeps waiting for the commit to
 * finish without backing off, as {@link AggressiveManager} does (the engine caps the wait). Aborts
 * restart at once (politeness is in the waiting); a commit yields to a prioritized reader of higher
 * priority, as by default. The engine's attempt limit makes a block that keeps losing irrevocable.
 * Stateless: one instance serves every thread.
 */
public final class PoliteManager implements ContentionManager {
    /** Back-off rounds on one lock before the policy stops deferring. */
    static final int POLITE_ROUNDS = 8;
    /** The first back-off interval. */
    static final long BASE_NANOS = 1_000;

    private final ExponentialBackoff backoff;

    /** The polite policy. */
    public PoliteManager() {
        this(Pause.PARK);
    }

    PoliteManager(Pause pause) {
        this.backoff = ExponentialBackoff.jittered(BASE_NANOS, Long.MAX_VALUE, pause);
    }

    /**
     * The short name.
     *
     * @return {@code "polite"}
     */
    @Override
    public String name() {
        return "polite";
    }

    /**
     * Restarts at once, optimistically.
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return {@link AttemptMode#OPTIMISTIC}
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        return AttemptMode.OPTIMISTIC;
    }

    /**
     * Backs off exponentially for the first {@value #POLITE_ROUNDS} rounds, then keeps waiting.
     *
     * @param tx       the transaction that met the lock
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return always {@code true}: wait (the engine caps the wait)
     */
    @Override
    public boolean onLocked(TxnView tx, int spins, boolean atCommit) {
        if (spins < POLITE_ROUNDS) {
            backoff.backOff(spins);
        }
        return true;
    }
}
