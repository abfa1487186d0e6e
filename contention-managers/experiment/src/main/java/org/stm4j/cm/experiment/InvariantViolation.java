package org.stm4j.cm.experiment;

/**
 * A workload's invariant does not hold: the STM lost or duplicated an update, or a transaction saw
 * an inconsistent state. The experiment stops at once; its results cannot be trusted.
 */
final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was expected and what was found
     */
    InvariantViolation(String message) {
        super(message);
    }
}
