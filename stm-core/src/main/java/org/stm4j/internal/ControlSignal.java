package org.stm4j.internal;

/**
 * The engine's control-flow signals: thrown out of a running block to unwind it, caught by the
 * engine's outermost {@code atomic}. They are {@link Error}s so that {@code catch (Exception e)}
 * in user code cannot swallow them, and they are preallocated and stackless (no stack trace, no
 * suppression) so that throwing one costs no allocation and no stack walk.
 */
final class ControlSignal extends Error {
    private static final long serialVersionUID = 1L;

    /** The attempt conflicted and must be rolled back and re-run; the cause is in the transaction. */
    static final ControlSignal ABORT = new ControlSignal("stm4j: transaction aborted (conflict)");
    /** The block called {@code Stm.retry()}: roll back and wait until something it read changes. */
    static final ControlSignal RETRY = new ControlSignal("stm4j: retry");

    private ControlSignal(String message) {
        super(message, null, false, false);
    }
}
