package org.stm4j.cm;

import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "backoff"}: randomized exponential backoff (Herlihy, Luchangco, Moir, Scherer, PODC 2003).
 *
 * <p>Rule: after the n-th consecutive abort, wait a random time in {@code [0, min(base * 2^n, cap)]}
 * before the next attempt; a lock met while reading or committing is waited on only briefly. In a
 * lazy STM the enemy has already committed, so backing off is all a transaction can do: it spreads
 * out re-executions that would otherwise collide again. It never escalates by itself; the engine's
 * attempt limit ({@code TxnConfig.maxAttempts}) still makes a starving block irrevocable.
 */
public final class BackoffManager implements ContentionManager {
    private final ExponentialBackoff backoff;

    /** Backoff from 1 µs doubling up to 1 ms. */
    public BackoffManager() {
        this(1_000, 1_000_000);
    }

    /**
     * Backoff from {@code baseNanos} doubling up to {@code capNanos}.
     *
     * @param baseNanos the ceiling of the first wait, in nanoseconds
     * @param capNanos  the largest ceiling, in nanoseconds
     * @throws IllegalArgumentException if {@code baseNanos < 1} or {@code capNanos < baseNanos}
     */
    public BackoffManager(long baseNanos, long capNanos) {
        this(baseNanos, capNanos, Pause.PARK);
    }

    BackoffManager(long baseNanos, long capNanos, Pause pause) {
        if (baseNanos < 1 || capNanos < baseNanos) {
            throw new IllegalArgumentException("need 1 <= baseNanos <= capNanos, got " + baseNanos + ", " + capNanos);
        }
        this.backoff = ExponentialBackoff.uniform(baseNanos, capNanos, pause);
    }

    /**
     * The short name.
     *
     * @return {@code "backoff"}
     */
    @Override
    public String name() {
        return "backoff";
    }

    /**
     * Waits a random time below {@code min(base * 2^n, cap)} after the n-th consecutive abort.
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return {@link AttemptMode#OPTIMISTIC}
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        backoff.backOff(tx.consecutiveAborts());
        return AttemptMode.OPTIMISTIC;
    }

    /**
     * Waits briefly for a held lock.
     *
     * @param tx       the transaction that met the lock
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return {@code true} for the first 16 rounds
     */
    @Override
    public boolean onLocked(TxnView tx, int spins, boolean atCommit) {
        return spins < 16;
    }
}
