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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of a transaction, single-threaded: a read-only transaction of one TVar
 * ({@code Stm.atomic(supplier)}) and a 1-read-1-write increment ({@code Stm.atomic(runnable)}),
 * against an unsynchronized field, a {@code ReentrantLock}-guarded field, an {@code AtomicLong} and
 * the non-transactional {@code TVar.get()/set()}.
 *
 * <p>Targets: read-only at most 10 ns/op and 0 B/op; update at most 30 ns/op. Run with
 * {@code -prof gc} for {@code gc.alloc.rate.norm} (B/op):
 * <pre>
 * java -jar jmh/target/benchmarks.jar TxnOverheadBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 * {@code STM} increments a boxed {@code Long} (24 B/op of the caller's allocation once past 127);
 * {@code STM_PREBOXED} runs the same transactions storing preallocated boxes, so its B/op is the
 * engine's alone. Add {@code -jvmArgsAppend -Dstm4j.clock=gv4} to measure the other clock.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class TxnOverheadBenchmark {

    /** The competitors. */
    public enum Impl {
        /** Unsynchronized field. */
        PLAIN {
            @Override
            Counter create() {
                return new Counter.Plain();
            }
        },
        /** {@code ReentrantLock}-guarded field. */
        LOCK {
            @Override
            Counter create() {
                return new Counter.Locked(new Counter.LockedCell());
            }
        },
        /** {@code AtomicLong}. */
        ATOMIC_LONG {
            @Override
            Counter create() {
                return new Counter.Atomic();
            }
        },
        /** Non-transactional {@code TVar.get()} / {@code TVar.set()}. */
        TVAR_DIRECT {
            @Override
            Counter create() {
                return new Counter.DirectTVar();
            }
        },
        /** {@code Stm.atomic} with a reused Supplier / Runnable, boxed increment. */
        STM {
            @Override
            Counter create() {
                return new Counter.Transactional();
            }
        },
        /** As {@link #STM}, storing preallocated boxes: no allocation outside the engine. */
        STM_PREBOXED {
            @Override
            Counter create() {
                return new Counter.PreboxedTransactional();
            }
        };

        abstract Counter create();
    }

    @Param
    public Impl impl;

    private Counter counter;

    @Setup(Level.Trial)
    public void setUp() {
        counter = impl.create();
    }

    /** (a) Read one value: for STM a read-only transaction of one TVar. */
    @Benchmark
    public long read() {
        return counter.read();
    }

    /** (b) Increment: for STM a transaction with one read and one write. */
    @Benchmark
    public void increment() {
        counter.increment();
    }
}
