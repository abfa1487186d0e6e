package org.stm4j.jmh.peers;

import java.util.Map;
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
import org.openjdk.jmh.infra.ThreadParams;
import org.stm4j.jmh.collections.Boxes;

/**
 * One shared dict of {@value Boxes#SIZE} keys, two workloads:
 * <ul>
 * <li>{@link #increment}: {@code atomic(() -> d[k] = d[k] + 1)} on a random key. Two threads meet on
 *     a key rarely, so an implementation whose conflicts follow keys scales.</li>
 * <li>{@link #readMostly}: with probability 9/10 {@code d[k]}, otherwise {@code d[k] = v}
 *     (overwriting), each a single operation (for the STMs its own transaction where the peer
 *     allows it).</li>
 * </ul>
 * Keys are precomputed per thread ({@link Sequences}); {@code keys=disjoint} restricts thread
 * {@code i} of {@code n} to its own slice of the keys (no two transactions ever share a key: SPEC's
 * "distinct-key updates never conflict"). After the trial the dict must still hold exactly its keys.
 * <pre>
 * java -jar jmh/target/benchmarks.jar peers.DictBenchmark -t 2 -p impl=STM4J,GLOBAL_LOCK,SCALA_STM
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class DictBenchmark {
    /** One in {@value} read-mostly operations is a put. */
    static final int PUT_ONE_IN = 10;

    /** The implementation measured. */
    @Param
    public Impl impl;

    /** {@code shared}: every thread draws from all keys; {@code disjoint}: each from its own slice. */
    @Param("shared")
    public String keys;

    Dict dict;

    /** Creates the dict, every key mapped to its own number. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (!keys.equals("shared") && !keys.equals("disjoint")) {
            throw new IllegalArgumentException("keys must be shared or disjoint, not " + keys);
        }
        dict = impl.create(params.getThreads()).newDict(Boxes.KEYS, Boxes.VALUES);
    }

    /** No key was lost or added. */
    @TearDown(Level.Trial)
    public void check() {
        Map<Integer, Long> contents = dict.contents();
        if (contents.size() != Boxes.SIZE) {
            throw new IllegalStateException(impl + ": dict has " + contents.size() + " keys, expected " + Boxes.SIZE);
        }
        for (Integer key : Boxes.KEYS) {
            if (contents.get(key) == null) {
                throw new IllegalStateException(impl + ": key " + key + " lost its value");
            }
        }
    }

    /** The calling thread's client, its key sequence and position. */
    @State(Scope.Thread)
    public static class Caller extends ThreadClient<Dict.Client> {
        Dict source;
        /** Key indices; for read-mostly, bit 31 marks a put. */
        int[] ops;
        int next;

        @Override
        Dict.Client newClient(Tally tally) {
            return source.client(tally);
        }

        /** Remembers the shared structure and precomputes the thread's keys and put/get choices. */
        @Setup(Level.Trial)
        public void setUp(DictBenchmark benchmark, ThreadParams thread) {
            source = benchmark.dict;
            int threads = thread.getThreadCount();
            int index = thread.getThreadIndex();
            int low = 0;
            int span = Boxes.SIZE;
            if (benchmark.keys.equals("disjoint")) {
                low = (int) ((long) Boxes.SIZE * index / threads);
                span = (int) ((long) Boxes.SIZE * (index + 1) / threads) - low;
            }
            ops = Sequences.uniform(index, span);
            int[] choice = Sequences.uniform(index + 1000, PUT_ONE_IN);
            for (int i = 0; i < ops.length; i++) {
                ops[i] += low;
                if (choice[i] == 0) {
                    ops[i] |= Integer.MIN_VALUE;
                }
            }
        }
    }

    /** Increments a random key, atomically. */
    @Benchmark
    public void increment(Caller caller, Outcomes outcomes) {
        int op = caller.ops[caller.next++ & Sequences.MASK];
        caller.client(outcomes).increment(Boxes.KEYS[op & Integer.MAX_VALUE]);
        outcomes.tally.done++;
    }

    /** One get (9 in 10) or put (1 in 10) of a random key; returns the value got. */
    @Benchmark
    public Long readMostly(Caller caller, Outcomes outcomes) {
        int i = caller.next++;
        int op = caller.ops[i & Sequences.MASK];
        int key = op & Integer.MAX_VALUE;
        Long got = null;
        if (op < 0) {
            caller.client(outcomes).put(Boxes.KEYS[key], Boxes.VALUES[(key + i) & (Boxes.SIZE - 1)]);
        } else {
            got = caller.client(outcomes).get(Boxes.KEYS[key]);
        }
        outcomes.tally.done++;
        return got;
    }
}
