package org.stm4j.jmh.collections;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.ThreadParams;
import org.stm4j.Stm;
import org.stm4j.StmStats;

/**
 * The engine's commits, conflict aborts and irrevocable runs during each measured iteration, as
 * {@link Stm#stats()} deltas. Process-wide numbers, so only thread 0 reports them (the others
 * report 0) and the sum over threads is not multiplied by the thread count. Zero for the
 * non-transactional models.
 *
 * <p>Type {@code OPERATIONS}: in the collection benchmarks' {@code Throughput} mode JMH reports
 * each counter as a rate in the score's unit (ops/µs), so <em>per operation</em> = counter / score
 * (e.g. {@code stmAborts} 0.5 ops/µs at a score of 10 ops/µs is 0.05 aborts per operation). A
 * single collection operation outside {@code atomic} counts as one commit (it is its own
 * transaction); a read-only one too. Reading the counters costs nothing per operation: the
 * benchmark method only takes this state as a parameter.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class StmCounters {
    /** Committed transactions (top level), read-only ones included. */
    public long stmCommits;
    /** Attempts rolled back by a conflict (every cause but retry and exception). */
    public long stmAborts;
    /** Transactions that ended irrevocable (the contention policy's last resort). */
    public long stmIrrevocable;

    private boolean reporter;
    private StmStats before;

    /** Zeroes the counters and, on thread 0, snapshots the statistics. */
    @Setup(Level.Iteration)
    public void start(ThreadParams thread) {
        stmCommits = 0;
        stmAborts = 0;
        stmIrrevocable = 0;
        reporter = thread.getThreadIndex() == 0;
        if (reporter) {
            before = Stm.stats();
        }
    }

    /** On thread 0, records what happened since {@link #start}. */
    @TearDown(Level.Iteration)
    public void stop() {
        if (reporter) {
            StmStats delta = Stm.stats().minus(before);
            stmCommits = delta.commits();
            stmAborts = delta.conflictAborts();
            stmIrrevocable = delta.irrevocableRuns();
        }
    }
}
