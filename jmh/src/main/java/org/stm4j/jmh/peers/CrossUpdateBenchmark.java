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
import org.stm4j.jmh.collections.Boxes;

/**
 * Cross update, SPEC's second example: {@code a.update(b)} and {@code b.update(a)} from several
 * threads at once (each thread alternates them). Two dicts of {@code size} entries over the same
 * keys; an update reads every entry of its source and overwrites every entry of its target, so any
 * two concurrent updates conflict: the heavy-contention workload, which must neither deadlock nor
 * livelock. After the trial both dicts must hold exactly the same keys, each value one of the two
 * opening values of its key.
 * <pre>
 * java -jar jmh/target/benchmarks.jar peers.CrossUpdateBenchmark -t 2 -p impl=STM4J,OBJECT_LOCKS
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class CrossUpdateBenchmark {

    /** The implementation measured. */
    @Param
    public Impl impl;

    /** Entries in each dict (1 to {@value Boxes#SIZE}). */
    @Param("64")
    public int size;

    DictPair dicts;

    /** Fills both dicts over the same keys: key {@code i} maps to {@code i} in one and {@code 4095 - i} in the other. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (size < 1 || size > Boxes.SIZE) {
            throw new IllegalArgumentException("size must be in [1, " + Boxes.SIZE + "], not " + size);
        }
        Integer[] keys = new Integer[size];
        Long[] first = new Long[size];
        Long[] second = new Long[size];
        for (int i = 0; i < size; i++) {
            keys[i] = Boxes.KEYS[i];
            first[i] = Boxes.VALUES[i];
            second[i] = Boxes.VALUES[Boxes.SIZE - 1 - i];
        }
        dicts = impl.create(params.getThreads()).newDicts(keys, first, second);
    }

    /** Both dicts hold exactly their keys, with values only ever copied between them. */
    @TearDown(Level.Trial)
    public void check() {
        Map<Integer, Long> a = dicts.contents(0);
        Map<Integer, Long> b = dicts.contents(1);
        if (a.size() != size || b.size() != size || !a.keySet().equals(b.keySet())) {
            throw new IllegalStateException(impl + ": dicts of " + a.size() + " and " + b.size()
                    + " keys, expected " + size);
        }
        for (int i = 0; i < size; i++) {
            for (Long v : new Long[] {a.get(i), b.get(i)}) {
                if (v == null || (v != i && v != Boxes.SIZE - 1 - i)) {
                    throw new IllegalStateException(impl + ": key " + i + " holds " + v);
                }
            }
        }
    }

    /** The calling thread's client and the direction of its next update. */
    @State(Scope.Thread)
    public static class Updater extends ThreadClient<DictPair.Client> {
        DictPair source;
        boolean forth;

        @Override
        DictPair.Client newClient(Tally tally) {
            return source.client(tally);
        }

        /** Remembers the shared structure. */
        @Setup(Level.Trial)
        public void setUp(CrossUpdateBenchmark benchmark) {
            source = benchmark.dicts;
        }
    }

    /** {@code a.update(b)} or {@code b.update(a)}, alternately. */
    @Benchmark
    public void update(Updater updater, Outcomes outcomes) {
        boolean forth = !updater.forth;
        updater.forth = forth;
        updater.client(outcomes).update(forth);
        outcomes.tally.done++;
    }
}
