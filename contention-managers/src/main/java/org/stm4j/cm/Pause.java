package org.stm4j.cm;

import java.util.concurrent.locks.LockSupport;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

/**
 * How a policy waits, in the two shapes its rules ask for:
 * <ul>
 *   <li>{@link #pause(long)}: a wait whose length the rule chose — a fixed interval (Karma, Eruption,
 *       Timestamp) or a random draw of an {@link ExponentialBackoff}. The policies park; Agrona's
 *       {@code SleepingIdleStrategy} would be the same {@code parkNanos} call behind a fixed period,
 *       and none of its strategies draws a random length, so these waits use no idle strategy;</li>
 *   <li>{@link #idler()}: the rounds of a polling wait whose lengths grow by themselves (a
 *       {@link Gate}): an Agrona {@link IdleStrategy}, fresh for each wait since it has state.</li>
 * </ul>
 * The policies use {@link #PARK}; their unit tests substitute a recorder, so that a scripted conflict
 * sequence can check every wait a rule asks for without timing anything.
 */
interface Pause {

    /**
     * Parks the calling thread (virtual threads unmount); polls with Agrona's
     * {@link BackoffIdleStrategy}: {@value #IDLE_SPINS} spins, {@value #IDLE_YIELDS} yields, then
     * parks from {@value #IDLE_MIN_PARK_NANOS} ns doubling to {@value #IDLE_MAX_PARK_NANOS} ns.
     */
    Pause PARK = new Pause() {
        @Override
        public void pause(long nanos) {
            LockSupport.parkNanos(nanos);
        }

        @Override
        public IdleStrategy idler() {
            return new BackoffIdleStrategy(IDLE_SPINS, IDLE_YIELDS, IDLE_MIN_PARK_NANOS, IDLE_MAX_PARK_NANOS);
        }
    };

    /** Rounds of {@code Thread.onSpinWait()} a polling wait starts with (a commit may be that close). */
    long IDLE_SPINS = 8;
    /** Then rounds of {@code Thread.yield()} (lets the holder run where the cores are all taken). */
    long IDLE_YIELDS = 8;
    /** Then the first park. */
    long IDLE_MIN_PARK_NANOS = 1_000;
    /** The longest park. */
    long IDLE_MAX_PARK_NANOS = 200_000;

    /** Waits about {@code nanos} nanoseconds. */
    void pause(long nanos);

    /** A fresh idle strategy for one polling wait: each {@code idle()} call is one round. */
    IdleStrategy idler();
}
