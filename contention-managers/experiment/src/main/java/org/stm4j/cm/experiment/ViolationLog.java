package org.stm4j.cm.experiment;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The first invariant violation a worker observed while the cell ran (an auditor or scanner that
 * saw a wrong total). Workers only write here when something is wrong, so it costs nothing in a
 * correct run; {@link #check()} rethrows it when the cell is verified.
 */
final class ViolationLog {
    private final AtomicReference<String> first = new AtomicReference<>();

    /** Records {@code message} unless an earlier violation was recorded. */
    void report(String message) {
        first.compareAndSet(null, message);
    }

    /**
     * @throws InvariantViolation if a violation was reported
     */
    void check() {
        String message = first.get();
        if (message != null) {
            throw new InvariantViolation(message);
        }
    }
}
