package org.stm4j.jmh;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;
import org.stm4j.Stm;
import org.stm4j.StmStats;

/**
 * Scalability without data conflicts: each thread increments its own counter, so nothing but the
 * implementation's own shared state (for stm4j, the version clock's cache line) can make threads
 * contend. Compare the total throughput at {@code -t 1}, {@code -t 2} and {@code -t 4}; the target is
 * that stm4j at 2 threads reaches at least 1.0x (stretch 1.5x) its 1-thread total.
 *
 * <p>Baselines: an {@code AtomicLong} per thread and a {@code ReentrantLock}-guarded field per
 * thread (the scaling a 2-core machine allows), and a single global {@code ReentrantLock} (what
 * serializing everything costs). {@link StmAborts} reports the engine's conflict aborts and commits
 * per iteration, which must stay at zero aborts here.
 * <pre>
 * java -jar jmh/target/benchmarks.jar DisjointUpdateBenchmark -t 2 -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * java -jar jmh/target/benchmarks.jar DisjointUpdateBenchmark -t 2 -jvmArgsAppend -Dstm4j.clock=gv4 ...
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DisjointUpdateBenchmark {

    /** The competitors; {@link #create} is called once per benchmark thread. */
    public enum Impl {
        /** {@code Stm.atomic(runnable)} incrementing the thread's own TVar (boxed Long). */
        STM {
            @Override
            Counter create(Counter.LockedCell global) {
                return new Counter.Transactional();
            }
        },
        /** As {@link #STM}, storing preallocated boxes: no allocation, hence no GC moving the TVars. */
        STM_PREBOXED {
            @Override
            Counter create(Counter.LockedCell global) {
                return new Counter.PreboxedTransactional();
            }
        },
        /** An {@code AtomicLong} per thread. */
        ATOMIC_LONG {
            @Override
            Counter create(Counter.LockedCell global) {
                return new Counter.Atomic();
            }
        },
        /** A {@code ReentrantLock} and field per thread. */
        LOCK {
            @Override
            Counter create(Counter.LockedCell global) {
                return new Counter.Locked(new Counter.LockedCell());
            }
        },
        /** One {@code ReentrantLock} and one field shared by all threads. */
        GLOBAL_LOCK {
            @Override
            Counter create(Counter.LockedCell global) {
                return new Counter.Locked(global);
            }
        };

        abstract Counter create(Counter.LockedCell global);
    }

    @Param
    public Impl impl;

    /** The cell of {@link Impl#GLOBAL_LOCK}. */
    final Counter.LockedCell global = new Counter.LockedCell();

    /** The thread's own counter, created by the thread itself (so it lands in its own TLAB). */
    @State(Scope.Thread)
    public static class Own {
        Counter counter;

        @Setup(Level.Trial)
        public void setUp(DisjointUpdateBenchmark benchmark) {
            counter = benchmark.impl.create(benchmark.global);
        }
    }

    /**
     * Process-wide stm4j commits and conflict aborts during each measured iteration ({@link Stm#stats()}
     * deltas, reported by thread 0 only, so the per-iteration sums are not multiplied by the thread
     * count). Zero for the non-STM competitors.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class StmAborts {
        public long stmCommits;
        public long stmAborts;

        private boolean reporter;
        private StmStats before;

        @Setup(Level.Iteration)
        public void start(ThreadParams thread) {
            stmCommits = 0;
            stmAborts = 0;
            reporter = thread.getThreadIndex() == 0;
            if (reporter) {
                before = Stm.stats();
            }
        }

        @TearDown(Level.Iteration)
        public void stop() {
            if (reporter) {
                StmStats delta = Stm.stats().minus(before);
                stmCommits = delta.commits();
                stmAborts = delta.conflictAborts();
            }
        }
    }

    @Benchmark
    public void increment(Own own, StmAborts stats) {
        own.counter.increment();
    }
}
