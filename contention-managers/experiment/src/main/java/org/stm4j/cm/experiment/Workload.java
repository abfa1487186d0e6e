package org.stm4j.cm.experiment;

import java.util.SplittableRandom;
import org.stm4j.TxnConfig;

/**
 * One experiment workload: shared transactional data, the per-thread {@link Worker}s that operate on
 * it, and the invariant that those operations must preserve.
 *
 * <p>A workload instance serves exactly one cell (one manager at one thread count): the runner
 * creates it, asks for one worker per thread, runs the workers, then calls {@link #verify()} once
 * every worker has stopped, and finally {@link #close()}.
 *
 * <p>Contract for workers: each {@link Worker#step()} runs exactly one atomic block with the
 * configuration given to {@link #newWorker}; the block's first statement is {@link Probe#attempt()}
 * and its last {@link Probe#endOfBody()}; random choices are drawn from the worker's own
 * {@link SplittableRandom} before the block starts, so a re-run attempt repeats the same operation
 * and a run's operation sequence follows from the seed.
 */
interface Workload extends AutoCloseable {

    /** The short name used on the command line and in the output. */
    String name();

    /**
     * A worker for thread {@code threadIndex} (0-based). Called before any worker runs.
     *
     * @param threadIndex this worker's thread, 0-based
     * @param random      the thread's own random source (never shared)
     * @param probe       where the worker's block reports attempts and irrevocability
     * @param config      the configuration (contention manager) every block of the worker runs with
     * @return the worker
     */
    Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config);

    /**
     * Checks the workload's invariant after every worker has stopped.
     *
     * @throws InvariantViolation if it is broken (a lost or duplicated update, an inconsistent read)
     */
    void verify();

    /**
     * Breaks the invariant the way a lost or duplicated update would, so a test can show that
     * {@link #verify()} catches it. Never called by the runner.
     */
    void corruptForTest();

    /** Releases what the workload holds (files); the default holds nothing. */
    @Override
    default void close() {
    }

    /** The per-thread half of a workload. */
    interface Worker {
        /** Runs one operation: exactly one atomic block, retried by the engine until it commits. */
        void step();
    }
}
