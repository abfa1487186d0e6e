package org.stm4j.jmh.peers;

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
import org.stm4j.jmh.collections.Boxes;

/**
 * List transfer, SPEC's first example: {@code atomic(() -> b.append(a.pop()))}. Two shared lists of
 * {@value #ITEMS} items; each thread alternates a→b and b→a, so the lists never run dry and keep
 * their sizes. Every transfer touches the tails of both lists, so any two concurrent transfers
 * conflict: the inherently contended workload. After the trial every item must be present exactly
 * once (nothing lost, nothing duplicated), or the trial fails.
 * <pre>
 * java -jar jmh/target/benchmarks.jar peers.ListTransferBenchmark -t 2 -p impl=STM4J,GLOBAL_LOCK,SCALA_STM
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class ListTransferBenchmark {
    /** Items in each list at the start. */
    static final int ITEMS = 1024;

    /** The implementation measured. */
    @Param
    public Impl impl;

    ListPair lists;

    /** Creates the two lists: items {@code 0..ITEMS-1} and {@code ITEMS..2*ITEMS-1}. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        Integer[] first = new Integer[ITEMS];
        Integer[] second = new Integer[ITEMS];
        for (int i = 0; i < ITEMS; i++) {
            first[i] = Boxes.KEYS[i];
            second[i] = Boxes.KEYS[ITEMS + i];
        }
        lists = impl.create(params.getThreads()).newLists(first, second);
    }

    /** Every item is still there exactly once. */
    @TearDown(Level.Trial)
    public void check() {
        List<Integer> items = lists.items();
        boolean[] seen = new boolean[2 * ITEMS];
        for (Integer item : items) {
            if (seen[item]) {
                throw new IllegalStateException(impl + ": item " + item + " duplicated");
            }
            seen[item] = true;
        }
        if (items.size() != 2 * ITEMS) {
            throw new IllegalStateException(impl + ": " + (2 * ITEMS - items.size()) + " items lost");
        }
    }

    /** The calling thread's client and the direction of its next transfer. */
    @State(Scope.Thread)
    public static class Mover extends ThreadClient<ListPair.Client> {
        ListPair source;
        boolean forth;

        @Override
        ListPair.Client newClient(Tally tally) {
            return source.client(tally);
        }

        /** Remembers the shared structure. */
        @Setup(Level.Trial)
        public void setUp(ListTransferBenchmark benchmark) {
            source = benchmark.lists;
        }
    }

    /** Pops the last item of one list and appends it to the other, atomically. */
    @Benchmark
    public void transfer(Mover mover, Outcomes outcomes) {
        boolean forth = !mover.forth;
        mover.forth = forth;
        mover.client(outcomes).transfer(forth);
        outcomes.tally.done++;
    }
}
