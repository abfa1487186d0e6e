package org.stm4j.spi;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Randomized exponential back-off, the waiting step the built-in policies share ({@code default},
 * {@code backoff}, {@code polka}, {@code polite}, {@code comprehensive}): round {@code n} (from 0)
 * has the ceiling {@code c = min(base * 2^n, cap)}, and a wait is drawn uniformly from
 * {@code [c/2, c]} ({@link #jitteredNanos}) or {@code [0, c]} ({@link #uniformNanos}); the
 * randomness keeps two transactions that collided from colliding again at once. Waits park the
 * thread ({@link LockSupport#parkNanos(long)}), so a virtual thread unmounts; a park may return
 * early (spuriously or on interrupt) or late (timer slack, descheduling), which a back-off does not
 * mind. Stateless and thread-safe.
 */
public final class RandomBackoff {

    private RandomBackoff() {
    }

    /**
     * The ceiling of round {@code round}: {@code min(baseNanos * 2^round, capNanos)}, without overflow.
     *
     * @param baseNanos the ceiling of round 0, at least 1
     * @param capNanos  the largest ceiling, at least {@code baseNanos}
     * @param round     the round, from 0 (negative counts as 0)
     * @return the ceiling in nanoseconds
     * @throws IllegalArgumentException if {@code baseNanos < 1} or {@code capNanos < baseNanos}
     */
    public static long ceilingNanos(long baseNanos, long capNanos, int round) {
        if (baseNanos < 1 || capNanos < baseNanos) {
            throw new IllegalArgumentException("need 1 <= baseNanos <= capNanos, got " + baseNanos + ", " + capNanos);
        }
        int r = Math.max(0, round);
        if (r >= Long.numberOfLeadingZeros(baseNanos) - 1) {
            return capNanos;
        }
        return Math.min(capNanos, baseNanos << r);
    }

    /**
     * A random wait for round {@code round}, uniform in {@code [c/2, c]} with {@code c} its
     * {@linkplain #ceilingNanos ceiling}.
     *
     * @param baseNanos the ceiling of round 0, at least 1
     * @param capNanos  the largest ceiling, at least {@code baseNanos}
     * @param round     the round, from 0
     * @return the wait in nanoseconds
     * @throws IllegalArgumentException as {@link #ceilingNanos}
     */
    public static long jitteredNanos(long baseNanos, long capNanos, int round) {
        long c = ceilingNanos(baseNanos, capNanos, round);
        return ThreadLocalRandom.current().nextLong(c / 2, c + 1);
    }

    /**
     * A random wait for round {@code round}, uniform in {@code [0, c]} with {@code c} its
     * {@linkplain #ceilingNanos ceiling} (the classic form of Herlihy et al.).
     *
     * @param baseNanos the ceiling of round 0, at least 1
     * @param capNanos  the largest ceiling, at least {@code baseNanos}
     * @param round     the round, from 0
     * @return the wait in nanoseconds
     * @throws IllegalArgumentException as {@link #ceilingNanos}
     */
    public static long uniformNanos(long baseNanos, long capNanos, int round) {
        return ThreadLocalRandom.current().nextLong(ceilingNanos(baseNanos, capNanos, round) + 1);
    }

    /**
     * Parks the calling thread for a {@linkplain #jitteredNanos jittered} wait of round {@code round}.
     *
     * @param baseNanos the ceiling of round 0, at least 1
     * @param capNanos  the largest ceiling, at least {@code baseNanos}
     * @param round     the round, from 0
     * @throws IllegalArgumentException as {@link #ceilingNanos}
     */
    public static void backOff(long baseNanos, long capNanos, int round) {
        LockSupport.parkNanos(jitteredNanos(baseNanos, capNanos, round));
    }
}
