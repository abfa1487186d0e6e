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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * A read-mostly dict: each operation is, with probability 9/10, {@code d.get(k)} and otherwise
 * {@code d.put(k, v)} (overwriting), on a random key of one shared dict of {@value Boxes#SIZE}
 * keys. Both are single operations (for stm each its own transaction, as {@code d[k]} and
 * {@code d[k] = v} are single bytecodes under Python's GIL). The value stored is a preallocated
 * box, so nothing is allocated outside the collection. This is the "get-heavy" single-thread
 * target (at most 3x the unsynchronized time). With one dict the two lock models are the same
 * single lock.
 * <pre>
 * java -jar jmh/target/benchmarks.jar ReadMostlyDictBenchmark -t 1 -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ReadMostlyDictBenchmark {

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    SyncModel model;
    Map<Integer, Long> dict;
    final RankedLock lock = new RankedLock();

    /** Creates the dict with every key present. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        model = SyncModel.of(impl, params.getThreads());
        dict = model.newDict();
        for (int i = 0; i < Boxes.SIZE; i++) {
            dict.put(Boxes.KEYS[i], Boxes.VALUES[i]);
        }
    }

    /** A thread's random source, current key and value, and its two operations. */
    @State(Scope.Thread)
    public static class Client {
        XorShift random;
        Integer key;
        Long value;
        Long got;
        Runnable get;
        Runnable put;

        /** Creates the operations once: no capture per call. */
        @Setup(Level.Trial)
        public void setUp(ReadMostlyDictBenchmark s, ThreadParams thread) {
            random = new XorShift(thread.getThreadIndex());
            Map<Integer, Long> d = s.dict;
            get = () -> got = d.get(key);
            put = () -> d.put(key, value);
        }
    }

    /** One get (9 in 10) or put (1 in 10) of a random key; returns the value got. */
    @Benchmark
    public Long getOrPut(Client client, StmCounters counters) {
        long r = client.random.nextLong();
        client.key = Boxes.KEYS[(int) r & (Boxes.SIZE - 1)];
        if (((r >>> 32) * 10 >>> 32) == 0) {
            client.value = Boxes.VALUES[(int) (r >>> 12) & (Boxes.SIZE - 1)];
            model.single(client.put, lock);
        } else {
            model.single(client.get, lock);
        }
        return client.got;
    }
}
