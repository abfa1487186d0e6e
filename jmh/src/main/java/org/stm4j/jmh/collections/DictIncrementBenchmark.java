package org.stm4j.jmh.collections;

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

/**
 * Dict counters: {@code atomic(() -> d.put(k, d.get(k) + 1))} on one shared dict of
 * {@value Boxes#SIZE} keys, {@code k} chosen at random per operation. {@code keys=shared}: every
 * thread draws from all keys (two threads rarely meet on one key); {@code keys=disjoint}: thread
 * {@code i} of {@code n} draws only from its own slice {@code [i*4096/n, (i+1)*4096/n)}, so no two
 * transactions ever touch the same key — SPEC's "distinct-key updates never conflict", and the
 * target "at 2 threads at least 1.5x the 1-thread throughput". With one dict the two lock models
 * are the same single lock.
 *
 * <p>The increment boxes a new {@code Long} once a value passes 127 (24 B), in every model alike:
 * that is the caller's allocation, so subtract it from {@code gc.alloc.rate.norm} to get the
 * collection's. After the trial the dict must still hold exactly its keys.
 * <pre>
 * java -jar jmh/target/benchmarks.jar DictIncrementBenchmark -t 1 -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * java -jar jmh/target/benchmarks.jar DictIncrementBenchmark -t 2 -p impl=stm,globalLock,perObjectLock ...
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class DictIncrementBenchmark {

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    /** {@code shared}: random over all keys; {@code disjoint}: each thread its own key range. */
    @Param({"shared", "disjoint"})
    public String keys;

    SyncModel model;
    Map<Integer, Long> dict;
    final RankedLock lock = new RankedLock();

    /** Creates the dict with every key at 0. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        model = SyncModel.of(impl, params.getThreads());
        if (!keys.equals("shared") && !keys.equals("disjoint")) {
            throw new IllegalArgumentException("keys must be shared or disjoint, not " + keys);
        }
        dict = model.newDict();
        for (int i = 0; i < Boxes.SIZE; i++) {
            dict.put(Boxes.KEYS[i], 0L);
        }
    }

    /** No key was lost or added. */
    @TearDown(Level.Trial)
    public void check() {
        if (dict.size() != Boxes.SIZE) {
            throw new IllegalStateException("dict has " + dict.size() + " keys, expected " + Boxes.SIZE);
        }
    }

    /** A thread's key range, random source and increment block. */
    @State(Scope.Thread)
    public static class Incrementer {
        int low;
        int span;
        XorShift random;
        Integer key;
        Runnable increment;

        /** Picks the key range and creates the block once. */
        @Setup(Level.Trial)
        public void setUp(DictIncrementBenchmark s, ThreadParams thread) {
            int threads = thread.getThreadCount();
            int index = thread.getThreadIndex();
            if (s.keys.equals("disjoint")) {
                low = (int) ((long) Boxes.SIZE * index / threads);
                span = (int) ((long) Boxes.SIZE * (index + 1) / threads) - low;
            } else {
                low = 0;
                span = Boxes.SIZE;
            }
            random = new XorShift(index);
            Map<Integer, Long> d = s.dict;
            increment = () -> {
                Integer k = key;
                d.put(k, d.get(k) + 1);
            };
        }
    }

    /** Increments a random key of the thread's range, atomically. */
    @Benchmark
    public void increment(Incrementer inc, StmCounters counters) {
        inc.key = Boxes.KEYS[inc.low + inc.random.nextInt(inc.span)];
        model.atomic(inc.increment, lock);
    }
}
