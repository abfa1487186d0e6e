package org.stm4j.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.stm4j.AbortCause;
import org.stm4j.Stm;
import org.stm4j.StmListener;
import org.stm4j.TVar;

/**
 * What watching the engine costs (issue 15): the read-only and one-read-one-write transactions of
 * {@link TxnOverheadBenchmark}, written as users write them (a capturing lambda per call, a fresh
 * box per write), with nothing watching, with the conflict report on, with a listener of commits and
 * aborts, and with a listener of long transactions (which times every block). One thread: this is
 * the per-block cost; the contended workloads with the report on are the peer benchmarks run with
 * {@code -jvmArgsAppend -Dstm4j.conflictReport=true} (see docs/performance.md).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class ObservationCostBenchmark {

    /** Who watches. */
    public enum Watcher {
        /** Nothing: the default. */
        NONE,
        /** {@code Stm.setConflictReporting(true)}. */
        REPORT,
        /** A listener counting commits and aborts. */
        LISTENER,
        /** A listener of long transactions (every block is timed). */
        LONG_LISTENER
    }

    /** A listener that counts, the least a metrics listener does. */
    static class CountingListener implements StmListener {
        long commits;
        long aborts;

        @Override
        public void onCommit(int attempts, boolean readOnly) {
            commits++;
        }

        @Override
        public void onAbort(AbortCause cause, int attempt) {
            aborts++;
        }
    }

    /** Also wants long transactions. */
    static final class LongListener extends CountingListener {
        long longOnes;

        @Override
        public void onLongTransaction(long durationNanos, int attempts) {
            longOnes++;
        }
    }

    @Param
    public Watcher watcher;

    private final TVar<Long> tvar = new TVar<>(0L);
    private StmListener listener;

    @Setup(Level.Trial)
    public void watch() {
        switch (watcher) {
            case REPORT:
                Stm.setConflictReporting(true);
                break;
            case LISTENER:
                listener = new CountingListener();
                break;
            case LONG_LISTENER:
                listener = new LongListener();
                break;
            default:
                break;
        }
        if (listener != null) {
            Stm.addListener(listener);
        }
    }

    @TearDown(Level.Trial)
    public void stopWatching() {
        Stm.setConflictReporting(false);
        Stm.resetConflicts();
        if (listener != null) {
            Stm.removeListener(listener);
        }
    }

    /** A read-only transaction of one TVar, the lambda created per call. */
    @Benchmark
    public long read() {
        TVar<Long> v = tvar;
        return Stm.atomic(() -> v.get());
    }

    /** One read and one write of a fresh box, the lambda created per call. */
    @Benchmark
    public void increment() {
        TVar<Long> v = tvar;
        Stm.atomic(() -> v.set(v.get() + 1));
    }
}
