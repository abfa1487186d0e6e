package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stm4j.Stm.atomic;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.collections.TDict;
import org.stm4j.testkit.Stress;

/**
 * Counters in a {@link TDict} incremented from several threads. Invariant: <b>no lost or duplicated
 * update</b> — every counter ends at exactly the number of increments made to it. Variants:
 * <ul>
 *   <li>distinct keys (each thread owns its keys: no conflicts needed, none may be lost);</li>
 *   <li>a few shared keys, present from the start (true conflicts on every increment);</li>
 *   <li>shared keys absent at the start, created by the first increment
 *       ({@code d.put(k, d.get(k, 0) + 1)}): two transactions that both see a key absent must not
 *       both commit — the lookup of a missing key has to conflict with its insertion;</li>
 *   <li>{@code setdefault} and {@code pop}: a key is taken (popped) and its count carried into
 *       another key, so keys disappear and reappear while others count;</li>
 *   <li>the {@code java.util.Map} compound defaults {@code merge} and {@code compute} called
 *       <em>outside</em> any transaction: SPEC makes every operation its own transaction there, so
 *       these must be atomic as well.</li>
 * </ul>
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class DictCounterStressTest {

    private static final int KEYS_PER_THREAD = 16;
    private static final int SHARED_KEYS = 8;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void distinctKeysCountExactly(int threads) throws InterruptedException {
        int size = Stress.size();
        TDict<Integer, Integer> d = new TDict<>();
        for (int k = 0; k < threads * KEYS_PER_THREAD; k++) {
            d.put(k, 0);
        }
        Stress.run("dict-distinct", threads, Stress.budget(size, 50_000), index -> {
            int n = Stress.share(size, threads, index);
            for (int i = 0; i < n; i++) {
                int key = index * KEYS_PER_THREAD + i % KEYS_PER_THREAD;
                atomic(() -> {
                    d.put(key, d.getItem(key) + 1);
                });
            }
        });
        for (int index = 0; index < threads; index++) {
            int n = Stress.share(size, threads, index);
            for (int j = 0; j < KEYS_PER_THREAD; j++) {
                int expected = n / KEYS_PER_THREAD + (j < n % KEYS_PER_THREAD ? 1 : 0);
                assertEquals(expected, d.getItem(index * KEYS_PER_THREAD + j), "key " + (index * KEYS_PER_THREAD + j));
            }
        }
        assertEquals(threads * KEYS_PER_THREAD, d.len());
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void sharedExistingKeysCountExactly(int threads) throws InterruptedException {
        sharedKeys(threads, true);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void sharedKeysCreatedByTheFirstIncrementCountExactly(int threads) throws InterruptedException {
        sharedKeys(threads, false);
    }

    private static void sharedKeys(int threads, boolean present) throws InterruptedException {
        int size = Stress.size();
        TDict<Integer, Integer> d = new TDict<>();
        if (present) {
            for (int k = 0; k < SHARED_KEYS; k++) {
                d.put(k, 0);
            }
        }
        AtomicLongArray made = new AtomicLongArray(SHARED_KEYS);
        Stress.run("dict-shared", threads, Stress.budget(size, 50_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0xc0L * (index + 1));
            long[] mine = new long[SHARED_KEYS];
            for (int i = Stress.share(size, threads, index); i > 0; i--) {
                int key = rnd.nextInt(SHARED_KEYS);
                atomic(() -> {
                    d.put(key, d.get(key, 0) + 1);
                });
                mine[key]++;
            }
            for (int k = 0; k < SHARED_KEYS; k++) {
                made.addAndGet(k, mine[k]);
            }
        });
        assertCounts(d, made);
    }

    /**
     * Each transaction pops a random "token" key if present (carrying its count into a fixed
     * {@code sum} key) or creates it with {@code setdefault}; so keys keep disappearing and coming
     * back while the total of all counts must stay exact.
     */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void popAndSetdefaultKeepTheTotalExact(int threads) throws InterruptedException {
        int size = Stress.size();
        TDict<String, Integer> d = new TDict<>();
        d.put("sum", 0);
        LongAdder increments = new LongAdder();
        Stress.run("dict-pop", threads, Stress.budget(size, 50_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0xd1L * (index + 1));
            for (int i = Stress.share(size, threads, index); i > 0; i--) {
                String key = "t" + rnd.nextInt(SHARED_KEYS);
                boolean take = rnd.nextInt(4) == 0;
                boolean incremented = atomic(() -> {
                    if (take && d.containsKey(key)) {
                        int c = d.pop(key);
                        d.put("sum", d.getItem("sum") + c);
                        return false;
                    }
                    int c = d.setdefault(key, 0);
                    d.put(key, c + 1);
                    return true;
                });
                if (incremented) {
                    increments.increment();
                }
            }
        });
        long total = atomic(() -> {
            long t = 0;
            for (int c : d.values()) {
                t += c;
            }
            return t;
        });
        assertEquals(increments.sum(), total, "increments lost or duplicated: " + d);
        long exact = atomic(() -> {
            long t = 0;
            for (Map.Entry<String, Integer> e : d.items()) {
                t += e.getValue();
            }
            return t;
        });
        assertEquals(total, exact, "values() and items() disagree");
    }

    /** {@code d.merge(k, 1, Integer::sum)} and {@code d.compute(...)} from several threads, outside transactions. */
    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void mapMergeAndComputeOutsideTransactionsAreAtomic(int threads) throws InterruptedException {
        int size = Stress.size(4, 1_000);
        TDict<Integer, Integer> d = new TDict<>();
        AtomicLongArray made = new AtomicLongArray(SHARED_KEYS);
        Stress.run("dict-merge", threads, Stress.budget(size, 50_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0xe1L * (index + 1));
            long[] mine = new long[SHARED_KEYS];
            for (int i = Stress.share(size, threads, index); i > 0; i--) {
                int key = rnd.nextInt(SHARED_KEYS);
                if (i % 2 == 0) {
                    d.merge(key, 1, Integer::sum);
                } else {
                    d.compute(key, (k, v) -> v == null ? 1 : v + 1);
                }
                mine[key]++;
            }
            for (int k = 0; k < SHARED_KEYS; k++) {
                made.addAndGet(k, mine[k]);
            }
        });
        assertCounts(d, made);
    }

    private static void assertCounts(TDict<Integer, Integer> d, AtomicLongArray made) {
        Map<Integer, Integer> expected = new HashMap<>();
        Map<Integer, Integer> got = new HashMap<>(atomic(() -> new HashMap<>(d)));
        for (int k = 0; k < made.length(); k++) {
            if (made.get(k) != 0 || got.containsKey(k)) {
                expected.put(k, (int) made.get(k));
            }
        }
        assertEquals(expected, got, "counts (key=increments)");
    }
}
