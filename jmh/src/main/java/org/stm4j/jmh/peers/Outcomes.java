package org.stm4j.jmh.peers;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.stm4j.Stm;
import org.stm4j.StmStats;

/**
 * Commits and aborts of each measured iteration, reported by JMH beside the score: a throughput
 * without its abort rate is not a result for an STM. Both are {@code OPERATIONS} counters, so JMH
 * prints them as rates in the score's unit; <em>aborts per commit</em> is {@code aborts / commits}.
 *
 * <p>Where the numbers come from:
 * <ul>
 * <li>Peers and locks: every transaction body (and every lock-protected block) increments
 *     {@link #attempts} when it is entered, and the benchmark method increments {@link Tally#done} when
 *     an operation returns. An attempt that did not complete was rolled back, so
 *     {@code aborts = attempts - done} and {@code commits = done}. Operations that run without a
 *     body of ours (a ScalaSTM {@code Ref.View} or {@code TMap.View} single operation, a Clojure
 *     {@code deref} outside a transaction) count one attempt each: their internal retries are
 *     invisible and reported as none.</li>
 * <li>stm4j ({@code impl=STM4J} and {@code STM4J_USER}): the engine's own statistics ({@link Stm#stats()} deltas: top-level
 *     commits and conflict aborts), which also see the retries of single-operation transactions
 *     such as {@code TDict.put} outside {@code atomic} (a lookup outside a transaction takes a
 *     lock-free read path and counts no commit). They are process-wide, so only thread 0 reports
 *     them and the other threads report zero. The bodies still count attempts, so every implementation
 *     pays the same bookkeeping.</li>
 * </ul>
 * Incrementing a field of a thread-confined state costs well under a nanosecond and allocates
 * nothing.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Outcomes {
    /** Operations (transactions) that completed during the iteration. */
    public long commits;
    /** Attempts rolled back (conflicts) during the iteration. */
    public long aborts;

    /** This thread's counts, handed to its client. */
    final Tally tally = new Tally();

    private boolean engineStats;
    private boolean reporter;
    private StmStats before;

    /** Zeroes the counters; for stm4j, thread 0 snapshots the engine's statistics. */
    @Setup(Level.Iteration)
    public void start(BenchmarkParams params, ThreadParams thread) {
        commits = 0;
        aborts = 0;
        tally.attempts = 0;
        tally.done = 0;
        engineStats = Impl.valueOf(params.getParam("impl")).isStm4j();
        reporter = thread.getThreadIndex() == 0;
        if (engineStats && reporter) {
            before = Stm.stats();
        }
    }

    /** Turns what was counted into {@link #commits} and {@link #aborts}. */
    @TearDown(Level.Iteration)
    public void stop() {
        if (engineStats) {
            if (reporter) {
                StmStats delta = Stm.stats().minus(before);
                commits = delta.commits();
                aborts = delta.conflictAborts();
            }
        } else {
            commits = tally.done;
            aborts = Math.max(0, tally.attempts - tally.done);
        }
    }
}
