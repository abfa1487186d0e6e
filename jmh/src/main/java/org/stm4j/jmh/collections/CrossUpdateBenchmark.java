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

/**
 * Cross update, SPEC's second example: {@code a.update(b)} and {@code b.update(a)} in several
 * threads at once (each thread alternates the two). Two dicts of {@code size} entries over the same
 * keys; each update reads every entry of its source and overwrites every entry of its target, so
 * any two concurrent updates conflict: the heavy-contention case, which must neither deadlock nor
 * livelock. For stm, {@code update} is one operation and its own transaction; {@code unsync} and
 * the lock models use {@code HashMap.putAll}; {@code perObjectLock} takes both dicts' locks in a
 * fixed order (taking them as target-then-source, as a naive per-object lock would, deadlocks).
 * The values are preallocated boxes. After the trial both dicts must still hold exactly their keys.
 * <pre>
 * java -jar jmh/target/benchmarks.jar CrossUpdateBenchmark -t 2 -p impl=stm,globalLock,perObjectLock ...
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CrossUpdateBenchmark {

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    /** Entries in each dict (at most {@value Boxes#SIZE}). */
    @Param("64")
    public int size;

    SyncModel model;
    Map<Integer, Long> a;
    Map<Integer, Long> b;
    final RankedLock lockA = new RankedLock();
    final RankedLock lockB = new RankedLock();

    /** Fills both dicts over the same keys with different values. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        model = SyncModel.of(impl, params.getThreads());
        if (size < 1 || size > Boxes.SIZE) {
            throw new IllegalArgumentException("size must be in [1, " + Boxes.SIZE + "], not " + size);
        }
        a = model.newDict();
        b = model.newDict();
        for (int i = 0; i < size; i++) {
            a.put(Boxes.KEYS[i], Boxes.VALUES[i]);
            b.put(Boxes.KEYS[i], Boxes.VALUES[Boxes.SIZE - 1 - i]);
        }
    }

    /** Both dicts still hold exactly their keys. */
    @TearDown(Level.Trial)
    public void check() {
        if (a.size() != size || b.size() != size || !a.keySet().equals(b.keySet())) {
            throw new IllegalStateException("dicts of " + a.size() + " and " + b.size() + " keys, expected " + size);
        }
    }

    /** A thread's two update operations and which one runs next. */
    @State(Scope.Thread)
    public static class Updater {
        Runnable aFromB;
        Runnable bFromA;
        boolean forth;

        /** Creates the operations once: no capture per call. */
        @Setup(Level.Trial)
        public void setUp(CrossUpdateBenchmark s) {
            SyncModel m = s.model;
            Map<Integer, Long> a = s.a;
            Map<Integer, Long> b = s.b;
            aFromB = () -> m.update(a, b);
            bFromA = () -> m.update(b, a);
        }
    }

    /** {@code a.update(b)} or {@code b.update(a)}, alternately. */
    @Benchmark
    public void update(Updater updater, StmCounters counters) {
        boolean forth = !updater.forth;
        updater.forth = forth;
        model.single(forth ? updater.aFromB : updater.bFromA, lockA, lockB);
    }
}
