package org.stm4j.jmh.peers;

/**
 * What one benchmark thread counts during an iteration, turned into {@link Outcomes} at its end:
 * transaction bodies entered ({@link #attempts}, incremented by the client's blocks) and operations
 * completed ({@link #done}, incremented by the benchmark method). Plain fields: only the owning
 * thread writes them. Owned by the thread's {@link Outcomes}, which hands it to the thread's client
 * on the first call (JMH gives a {@code @State} injected into several helper methods one instance
 * per injection point, so the tally cannot be a state of its own).
 */
final class Tally {
    /** Bodies entered. */
    long attempts;
    /** Operations completed. */
    long done;
}
