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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * List transfer, SPEC's first example: {@code atomic(() -> b.append(a.pop()))}. Two shared lists of
 * {@value #ITEMS} items each; every thread alternates a→b and b→a, so the lists never run dry
 * (each holds at least {@code ITEMS - threads}) and the sizes stay put. Both ends touched are the
 * tails, so two threads always conflict on a list's size: this is the inherent-contention case,
 * where the abort rate and the irrevocable fallback are what to watch.
 *
 * <p>Models ({@link SyncModel}): {@code stm} the transaction above; {@code unsync}
 * {@code b.add(a.remove(a.size() - 1))} on {@code ArrayList}s (1 thread only); {@code globalLock}
 * the same under one lock; {@code perObjectLock} under both lists' locks, taken in a fixed order.
 * After the trial the item count is checked (nothing lost, nothing duplicated).
 * <pre>
 * java -jar jmh/target/benchmarks.jar ListTransferBenchmark -t 1 -f 1 -wi 3 -w 1s -i 5 -r 1s
 * java -jar jmh/target/benchmarks.jar ListTransferBenchmark -t 2 -p impl=stm,globalLock,perObjectLock ...
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class ListTransferBenchmark {
    /** Items in each list at the start. */
    static final int ITEMS = 1024;

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    SyncModel model;
    List<Integer> a;
    List<Integer> b;
    final RankedLock lockA = new RankedLock();
    final RankedLock lockB = new RankedLock();

    /** Creates and fills the two lists. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        model = SyncModel.of(impl, params.getThreads());
        a = model.newList();
        b = model.newList();
        for (int i = 0; i < ITEMS; i++) {
            model.append(a, Boxes.KEYS[i]);
            model.append(b, Boxes.KEYS[ITEMS + i]);
        }
    }

    /** Every item is still there exactly once. */
    @TearDown(Level.Trial)
    public void check() {
        boolean[] seen = new boolean[2 * ITEMS];
        int count = 0;
        for (List<Integer> list : List.of(a, b)) {
            for (Integer item : list) {
                if (seen[item]) {
                    throw new IllegalStateException("item " + item + " duplicated");
                }
                seen[item] = true;
                count++;
            }
        }
        if (count != 2 * ITEMS) {
            throw new IllegalStateException((2 * ITEMS - count) + " items lost");
        }
    }

    /** A thread's two transfer blocks and which one runs next. */
    @State(Scope.Thread)
    public static class Mover {
        Runnable aToB;
        Runnable bToA;
        boolean forth;

        /** Creates the blocks once: no capture per call. */
        @Setup(Level.Trial)
        public void setUp(ListTransferBenchmark s) {
            SyncModel m = s.model;
            List<Integer> a = s.a;
            List<Integer> b = s.b;
            aToB = () -> m.append(b, m.pop(a));
            bToA = () -> m.append(a, m.pop(b));
        }
    }

    /** Pops the last item of one list and appends it to the other, atomically. */
    @Benchmark
    public void transfer(Mover mover, StmCounters counters) {
        boolean forth = !mover.forth;
        mover.forth = forth;
        model.atomic(forth ? mover.aToB : mover.bToA, lockA, lockB);
    }
}
