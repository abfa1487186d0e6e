package org.stm4j.jmh.peers;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Per-transaction overhead against the peers: one shared variable, {@link #read} in a read-only
 * transaction and {@link #increment} in a one-read-one-write transaction (storing preallocated
 * boxes, so no implementation allocates for the value). At one thread this is the fixed cost of a
 * transaction (1000 / score = ns per transaction); at two and more threads reads still scale and
 * increments all conflict on the one variable.
 * <pre>
 * java -jar jmh/target/benchmarks.jar peers.SharedVarBenchmark -t 1 -f 1 -wi 3 -w 700ms -i 5 -r 700ms -prof gc
 * </pre>
 * The engine-level variants (clock choice, {@code AtomicLong} baselines, no attempt counting) are
 * in {@code org.stm4j.jmh.TxnOverheadBenchmark}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class SharedVarBenchmark {

    /** The implementation measured. */
    @Param
    public Impl impl;

    SharedVar var;

    /** Creates the variable. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        var = impl.create(params.getThreads()).newVar(Values.next(-1L));
    }

    /** The variable still holds one of the values the increments store. */
    @TearDown(Level.Trial)
    public void check() {
        Long value = var.value();
        if (value == null || value < 0 || value >= 4096) {
            throw new IllegalStateException("the variable holds " + value);
        }
    }

    /** The calling thread's client. */
    @State(Scope.Thread)
    public static class Caller extends ThreadClient<SharedVar.Client> {
        SharedVar source;

        @Override
        SharedVar.Client newClient(Tally tally) {
            return source.client(tally);
        }

        /** Remembers the shared structure. */
        @Setup(Level.Trial)
        public void setUp(SharedVarBenchmark benchmark) {
            source = benchmark.var;
        }
    }

    /** A read-only transaction of one variable. */
    @Benchmark
    public Long read(Caller caller, Outcomes outcomes) {
        Long value = caller.client(outcomes).read();
        outcomes.tally.done++;
        return value;
    }

    /** A transaction reading and writing one variable. */
    @Benchmark
    public void increment(Caller caller, Outcomes outcomes) {
        caller.client(outcomes).increment();
        outcomes.tally.done++;
    }
}
