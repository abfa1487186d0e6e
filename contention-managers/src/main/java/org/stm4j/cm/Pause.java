package org.stm4j.cm;

import java.util.concurrent.locks.LockSupport;

/**
 * How a policy waits. The policies park ({@link #PARK}); their unit tests substitute a recorder, so
 * that a scripted conflict sequence can check every wait a rule asks for without timing anything.
 */
@FunctionalInterface
interface Pause {

    /** Parks the calling thread (virtual threads unmount). */
    Pause PARK = LockSupport::parkNanos;

    /** Waits about {@code nanos} nanoseconds. */
    void pause(long nanos);
}
