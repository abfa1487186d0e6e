package org.stm4j.jmh.collections;

import java.util.List;
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
 * Single list operations, one thread, each called as a Python programmer would (for stm: outside
 * {@code atomic}, so each is its own transaction): {@code l[i]} ({@code get}), {@code l[i] = v}
 * ({@code set}), {@code append} then {@code pop()} (two operations per call, so the list keeps its
 * {@value Boxes#SIZE} items) and {@code len}. Indices are random; items and stored values are
 * preallocated boxes, so {@code gc.alloc.rate.norm} is the collection's own allocation.
 * Throughput mode like the other collection benchmarks: ns per call = 1000 / score.
 * <pre>
 * java -jar jmh/target/benchmarks.jar ListOpsBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class ListOpsBenchmark {

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    SyncModel model;
    List<Integer> list;
    final RankedLock lock = new RankedLock();
    final XorShift random = new XorShift(0);
    int index;
    Integer item;
    Object result;
    int count;
    Runnable get;
    Runnable set;
    Runnable append;
    Runnable pop;
    Runnable len;

    /** Creates the list and the operations (once: no capture per call). */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        SyncModel m = SyncModel.of(impl, params.getThreads());
        List<Integer> l = m.newList();
        for (int i = 0; i < Boxes.SIZE; i++) {
            m.append(l, Boxes.KEYS[i]);
        }
        model = m;
        list = l;
        get = () -> result = l.get(index);
        set = () -> result = l.set(index, item);
        append = () -> m.append(l, item);
        pop = () -> result = m.pop(l);
        len = () -> count = l.size();
    }

    /** {@code l[i]}. */
    @Benchmark
    public Object get(StmCounters counters) {
        index = random.nextInt(Boxes.SIZE);
        model.single(get, lock);
        return result;
    }

    /** {@code l[i] = v}. */
    @Benchmark
    public Object set(StmCounters counters) {
        int i = random.nextInt(Boxes.SIZE);
        index = i;
        item = Boxes.KEYS[(i + 1) & (Boxes.SIZE - 1)];
        model.single(set, lock);
        return result;
    }

    /** {@code l.append(v)} then {@code l.pop()} (two operations). */
    @Benchmark
    public Object appendPop(StmCounters counters) {
        item = Boxes.KEYS[random.nextInt(Boxes.SIZE)];
        model.single(append, lock);
        model.single(pop, lock);
        return result;
    }

    /** {@code len(l)}. */
    @Benchmark
    public int len(StmCounters counters) {
        model.single(len, lock);
        return count;
    }
}
