package org.stm4j.cm;

import org.stm4j.spi.RandomBackoff;

/**
 * Randomized exponential back-off, the one waiting step of {@code backoff}, {@code polite},
 * {@code polka} and {@code comprehensive}: round {@code n} (from 0) has the ceiling
 * {@code c = min(base * 2^n, cap)} and waits a random time drawn from {@code [c/2, c]}
 * ({@link #jittered}) or from {@code [0, c]} ({@link #uniform}, the classic form of Herlihy et al.).
 * The draw is {@link RandomBackoff}'s (stm-core's SPI, shared with the engine's default policy); the
 * wait is the policy's {@link Pause}. Immutable and thread-safe.
 *
 * <p>No Agrona idle strategy fits this step: {@code BackoffIdleStrategy} doubles a fixed park
 * period, and the randomness is the point here (two transactions that collided must not wake
 * together and collide again).
 */
final class ExponentialBackoff {
    private final long baseNanos;
    private final long capNanos;
    private final boolean fromZero;
    private final Pause pause;

    private ExponentialBackoff(long baseNanos, long capNanos, boolean fromZero, Pause pause) {
        RandomBackoff.ceilingNanos(baseNanos, capNanos, 0); // checks 1 <= base <= cap
        this.baseNanos = baseNanos;
        this.capNanos = capNanos;
        this.fromZero = fromZero;
        this.pause = pause;
    }

    /** Waits drawn from {@code [c/2, c]}. */
    static ExponentialBackoff jittered(long baseNanos, long capNanos, Pause pause) {
        return new ExponentialBackoff(baseNanos, capNanos, false, pause);
    }

    /** Waits drawn from {@code [0, c]}. */
    static ExponentialBackoff uniform(long baseNanos, long capNanos, Pause pause) {
        return new ExponentialBackoff(baseNanos, capNanos, true, pause);
    }

    /** The ceiling of round {@code round}: {@code min(base * 2^round, cap)}. */
    long ceilingNanos(int round) {
        return RandomBackoff.ceilingNanos(baseNanos, capNanos, round);
    }

    /** A random wait for round {@code round}, not taken. */
    long drawNanos(int round) {
        return fromZero ? RandomBackoff.uniformNanos(baseNanos, capNanos, round)
                : RandomBackoff.jitteredNanos(baseNanos, capNanos, round);
    }

    /** Waits a random time for round {@code round}. */
    void backOff(int round) {
        pause.pause(drawNanos(round));
    }
}
