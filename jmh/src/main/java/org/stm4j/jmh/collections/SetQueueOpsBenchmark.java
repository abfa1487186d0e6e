package org.stm4j.jmh.collections;

import java.util.Queue;
import java.util.Set;
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
 * Single set and queue operations, one thread, each its own transaction for stm: {@code x in s}
 * for a present element, {@code s.add(x)} then {@code s.discard(x)} of an absent one (two
 * operations per call), and {@code q.offer(x)} then {@code q.poll()} on a queue kept half full
 * (two operations per call; {@code TQueue} against {@code ArrayDeque}). Elements are preallocated
 * boxes, so {@code gc.alloc.rate.norm} is the collection's own allocation. Throughput mode like
 * the other collection benchmarks: ns per call = 1000 / score.
 * <pre>
 * java -jar jmh/target/benchmarks.jar SetQueueOpsBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SetQueueOpsBenchmark {
    /** Elements present in the set: 0 .. PRESENT - 1; absent: PRESENT .. 2 * PRESENT - 1. */
    static final int PRESENT = Boxes.SIZE / 2;
    /** The queue's capacity; it holds half as many items. */
    static final int CAPACITY = 1024;

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    SyncModel model;
    final RankedLock setLock = new RankedLock();
    final RankedLock queueLock = new RankedLock();
    final XorShift random = new XorShift(0);
    Integer item;
    Object result;
    Runnable contains;
    Runnable add;
    Runnable discard;
    Runnable offer;
    Runnable poll;

    /** Creates the set, the queue and the operations (once: no capture per call). */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        model = SyncModel.of(impl, params.getThreads());
        Set<Integer> s = model.newSet();
        for (int i = 0; i < PRESENT; i++) {
            s.add(Boxes.KEYS[i]);
        }
        Queue<Integer> q = model.newQueue(CAPACITY);
        for (int i = 0; i < CAPACITY / 2; i++) {
            q.add(Boxes.KEYS[i]);
        }
        contains = () -> result = s.contains(item);
        add = () -> result = s.add(item);
        discard = () -> result = s.remove(item);
        offer = () -> result = q.offer(item);
        poll = () -> result = q.poll();
    }

    /** {@code x in s}, {@code x} present. */
    @Benchmark
    public Object contains(StmCounters counters) {
        item = Boxes.KEYS[random.nextInt(PRESENT)];
        model.single(contains, setLock);
        return result;
    }

    /** {@code s.add(x)} then {@code s.discard(x)}, {@code x} absent (two operations). */
    @Benchmark
    public Object addDiscard(StmCounters counters) {
        item = Boxes.KEYS[PRESENT + random.nextInt(PRESENT)];
        model.single(add, setLock);
        model.single(discard, setLock);
        return result;
    }

    /** {@code q.offer(x)} then {@code q.poll()} (two operations). */
    @Benchmark
    public Object offerPoll(StmCounters counters) {
        item = Boxes.KEYS[random.nextInt(Boxes.SIZE)];
        model.single(offer, queueLock);
        model.single(poll, queueLock);
        return result;
    }
}
