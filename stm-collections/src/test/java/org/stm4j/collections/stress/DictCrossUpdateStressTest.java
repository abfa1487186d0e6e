package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.collections.TDict;
import org.stm4j.testkit.Stress;

/**
 * {@code update(other)} reads a consistent snapshot of its source and is atomic as a whole.
 *
 * <p><b>Cross updates.</b> In each round two fresh dicts overlap on half their keys, with different
 * values: {@code a = {0..N-1: "a"}}, {@code b = {N/2..3N/2-1: "b"}}. The threads start together
 * (a barrier) and each calls, outside any transaction, {@code a.update(b)} (even threads) or
 * {@code b.update(a)} (odd threads). Any serial order of these calls ends with {@code a} and
 * {@code b} equal as maps, to one of two results: if an {@code a.update(b)} ran first, keys below
 * N/2 map to "a" and the rest to "b"; if a {@code b.update(a)} ran first, keys below N map to "a"
 * and the rest to "b". Python's insertion order is then also fixed whatever the order: {@code a}
 * lists {@code 0..3N/2-1}, {@code b} lists {@code N/2..3N/2-1} then {@code 0..N/2-1}. A non
 * serializable interleaving (each update copying the other's original) leaves {@code a != b}, and
 * a deadlock of the two updates (each waiting for the other's source) shows as a timeout.
 *
 * <p><b>Snapshot source.</b> One writer rewrites all values of a source dict in each transaction
 * (all equal to a round number, also deleting and re-inserting keys so that their order changes);
 * copiers take {@code update}, {@code copy()} and {@code TDict.from} of it, outside transactions,
 * and find every copy holding one round only, with every key.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class DictCrossUpdateStressTest {

    private static final int N = 32;
    private static final int SOURCE_KEYS = 128;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void crossUpdatesAreConsistentWithASerialOrder(int threads) throws InterruptedException {
        int rounds = Stress.size(10 * threads, 100);
        Map<Integer, String> aFirst = expected(N / 2);
        Map<Integer, String> bFirst = expected(N);
        List<Integer> aOrder = range(0, 3 * N / 2);
        List<Integer> bOrder = range(N / 2, 3 * N / 2);
        bOrder.addAll(range(0, N / 2));
        AtomicReference<Pair> pair = new AtomicReference<>(new Pair());
        LongAdder aWon = new LongAdder();
        LongAdder bWon = new LongAdder();
        AtomicReference<AssertionError> failure = new AtomicReference<>();
        // Runs in the last thread to arrive: checks the round just finished and sets up the next.
        CyclicBarrier barrier = new CyclicBarrier(threads, () -> {
            try {
                checkRound(pair.get(), aFirst, bFirst, aOrder, bOrder, aWon, bWon);
            } catch (AssertionError e) {
                failure.compareAndSet(null, e);
            }
            pair.set(new Pair(pair.get().round + 1));
        });

        Stress.run("dict-cross-update", threads, Stress.budget((long) rounds * threads, 200_000), index -> {
            for (int r = 0; r <= rounds; r++) {
                await(barrier);
                if (failure.get() != null) {
                    throw failure.get();
                }
                if (r == rounds) {
                    return; // the barrier action has checked the last round
                }
                Pair p = pair.get();
                if (index % 2 == 0) {
                    p.a.update(p.b);
                } else {
                    p.b.update(p.a);
                }
            }
        });
        assertEquals(rounds, aWon.sum() + bWon.sum(), "rounds checked");
        System.out.printf("dict-cross-update, %d threads: %d rounds, a.update(b) first in %d, b.update(a) first in %d%n",
                threads, rounds, aWon.sum(), bWon.sum());
    }

    private static void checkRound(Pair p, Map<Integer, String> aFirst, Map<Integer, String> bFirst,
            List<Integer> aOrder, List<Integer> bOrder, LongAdder aWon, LongAdder bWon) {
        if (p.round > 0) {
            Map<Integer, String> a = atomic(() -> new LinkedHashMap<>(p.a));
            Map<Integer, String> b = atomic(() -> new LinkedHashMap<>(p.b));
            if (!a.equals(b) || !(a.equals(aFirst) || a.equals(bFirst))) {
                throw new AssertionError("round " + p.round + ": not a serial outcome:\n a=" + a + "\n b=" + b);
            }
            (a.equals(aFirst) ? aWon : bWon).increment();
            if (!new ArrayList<>(a.keySet()).equals(aOrder) || !new ArrayList<>(b.keySet()).equals(bOrder)) {
                throw new AssertionError("round " + p.round + ": insertion order:\n a=" + a.keySet()
                        + "\n b=" + b.keySet());
            }
        }
    }

    @ParameterizedTest(name = "{0} copiers")
    @ValueSource(ints = {1, 3, 7})
    void updateCopyAndFromReadAConsistentSnapshotOfTheSource(int copiers) throws InterruptedException {
        int size = Stress.size(20, 200);
        TDict<Integer, Integer> source = new TDict<>();
        for (int k = 0; k < SOURCE_KEYS; k++) {
            source.put(k, 0);
        }
        LongAdder copies = new LongAdder();
        AtomicBoolean writing = new AtomicBoolean(true);
        Stress.run("dict-snapshot-source", copiers + 1, Stress.budget((long) size * SOURCE_KEYS, 2_000), index -> {
            if (index == 0) {
                try {
                    for (int round = 1; round <= size; round++) {
                        int r = round;
                        atomic(() -> {
                            // delete and re-insert a key (moves it to the end), then rewrite all
                            int moved = r % SOURCE_KEYS;
                            source.delItem(moved);
                            source.put(moved, r);
                            for (int k = 0; k < SOURCE_KEYS; k++) {
                                source.put(k, r);
                            }
                        });
                    }
                } finally {
                    writing.set(false);
                }
                return;
            }
            int k = 0;
            do {
                Map<Integer, Integer> copy = switch (k++ % 3) {
                    case 0 -> {
                        TDict<Integer, Integer> target = new TDict<>();
                        target.put(-1, -1);
                        target.update(source);
                        target.remove(-1);
                        yield target;
                    }
                    case 1 -> source.copy();
                    default -> TDict.from(source);
                };
                checkOneRound(copy);
                copies.increment();
            } while (writing.get());
        });
        assertTrue(copies.sum() >= copiers, "copies made: " + copies.sum());
        System.out.printf("dict-snapshot-source, %d copiers: %d copies during %d rewrites%n", copiers, copies.sum(), size);
    }

    private static void checkOneRound(Map<Integer, Integer> copy) {
        Map<Integer, Integer> plain = atomic(() -> new LinkedHashMap<>(copy));
        if (plain.size() != SOURCE_KEYS) {
            throw new AssertionError("copy has " + plain.size() + " keys, expected " + SOURCE_KEYS + ": " + plain);
        }
        Integer round = null;
        for (Map.Entry<Integer, Integer> e : plain.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= SOURCE_KEYS) {
                throw new AssertionError("copy has a stray key " + e.getKey() + ": " + plain);
            }
            if (round == null) {
                round = e.getValue();
            } else if (!round.equals(e.getValue())) {
                throw new AssertionError("copy mixes rounds " + round + " and " + e.getValue() + ": " + plain);
            }
        }
    }

    /** The dicts of one round. */
    private static final class Pair {
        final int round;
        final TDict<Integer, String> a = new TDict<>();
        final TDict<Integer, String> b = new TDict<>();

        Pair() {
            this(0);
        }

        Pair(int round) {
            this.round = round;
            for (int k = 0; k < N; k++) {
                a.put(k, "a");
            }
            for (int k = N / 2; k < 3 * N / 2; k++) {
                b.put(k, "b");
            }
        }
    }

    /** {@code 0..3N/2-1}, mapping keys below {@code split} to "a", the others to "b". */
    private static Map<Integer, String> expected(int split) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (int k = 0; k < 3 * N / 2; k++) {
            m.put(k, k < split ? "a" : "b");
        }
        return m;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> l = new ArrayList<>();
        for (int i = from; i < to; i++) {
            l.add(i);
        }
        return l;
    }

    private static void await(CyclicBarrier barrier) throws InterruptedException {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new AssertionError("barrier broken (a partner failed or hung)", e);
        }
    }
}
