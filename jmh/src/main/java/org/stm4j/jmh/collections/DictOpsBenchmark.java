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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Single dict operations, one thread, each called as a Python programmer would (for stm: outside
 * {@code atomic}, so each is its own transaction): {@code get} of a present key, {@code get} of an
 * absent key, {@code put} overwriting a present key (the "put-heavy" target: at most 6x the
 * unsynchronized time), {@code remove} then {@code put} of a key (a delete and an insert: two
 * operations per call) and {@code size}. The dict holds keys 0..2047; absent keys are 2048..4095;
 * keys and stored values are preallocated boxes, so {@code gc.alloc.rate.norm} is the collection's
 * own allocation. Throughput mode like the other collection benchmarks: ns per call = 1000 / score.
 * <pre>
 * java -jar jmh/target/benchmarks.jar DictOpsBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class DictOpsBenchmark {
    /** Keys present: 0 .. PRESENT - 1; absent: PRESENT .. 2 * PRESENT - 1. */
    static final int PRESENT = Boxes.SIZE / 2;

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    SyncModel model;
    Map<Integer, Long> dict;
    final RankedLock lock = new RankedLock();
    final XorShift random = new XorShift(0);
    Integer key;
    Long value;
    Object result;
    int count;
    Runnable get;
    Runnable put;
    Runnable remove;
    Runnable size;

    /** Creates the dict and the operations (once: no capture per call). */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        model = SyncModel.of(impl, params.getThreads());
        Map<Integer, Long> d = model.newDict();
        for (int i = 0; i < PRESENT; i++) {
            d.put(Boxes.KEYS[i], Boxes.VALUES[i]);
        }
        dict = d;
        get = () -> result = d.get(key);
        put = () -> result = d.put(key, value);
        remove = () -> result = d.remove(key);
        size = () -> count = d.size();
    }

    /** {@code d.get(k)}, {@code k} present. */
    @Benchmark
    public Object get(StmCounters counters) {
        key = Boxes.KEYS[random.nextInt(PRESENT)];
        model.single(get, lock);
        return result;
    }

    /** {@code d.get(k)}, {@code k} absent. */
    @Benchmark
    public Object getAbsent(StmCounters counters) {
        key = Boxes.KEYS[PRESENT + random.nextInt(PRESENT)];
        model.single(get, lock);
        return result;
    }

    /** {@code d.put(k, v)}, {@code k} present: overwrites. */
    @Benchmark
    public Object put(StmCounters counters) {
        int i = random.nextInt(PRESENT);
        key = Boxes.KEYS[i];
        value = Boxes.VALUES[(i + 1) & (Boxes.SIZE - 1)];
        model.single(put, lock);
        return result;
    }

    /** {@code d.remove(k)} then {@code d.put(k, v)}: a delete and an insert (two operations). */
    @Benchmark
    public Object removeThenPut(StmCounters counters) {
        int i = random.nextInt(PRESENT);
        key = Boxes.KEYS[i];
        value = Boxes.VALUES[i];
        model.single(remove, lock);
        model.single(put, lock);
        return result;
    }

    /** {@code len(d)}. */
    @Benchmark
    public int size(StmCounters counters) {
        model.single(size, lock);
        return count;
    }
}
