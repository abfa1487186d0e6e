package org.stm4j.collections.granularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.StmStats;
import org.stm4j.collections.TDict;
import org.stm4j.testkit.Stress;

/**
 * SPEC "Conflict granularity" for {@link TDict}, measured: threads run many transactions on
 * disjoint keys of one dict, really in parallel, and the abort counters of {@link
 * org.stm4j.Stm#stats()} (cross-checked with re-runs counted in the blocks) show what conflicted.
 * <ul>
 *   <li><b>updates</b> ({@code d[k] += 1}) of disjoint existing keys: zero aborts;</li>
 *   <li><b>deletes</b> of disjoint existing keys: zero aborts (the size is striped and changed
 *       commutatively: no transaction reads it);</li>
 *   <li><b>inserts</b> of distinct new keys, and insert/delete <b>churn</b> of distinct keys: below
 *       1% of the transactions. Why not zero: a transaction that inserts a key creates the key's
 *       per-key state (its predicate) in a shared, non-transactional index, and a delete leaves a
 *       dead predicate that a later operation reclaims (removes from the index). A transaction that
 *       meets a predicate being retired (or created and retired by an aborted attempt) must abort
 *       and look the key up again, and committing inserts briefly share a size stripe and the
 *       insertion-order structure. With disjoint keys such races need a reclamation in the middle
 *       of a transaction that uses the same index entry, so they are rare, not impossible.</li>
 * </ul>
 * Process-wide counters are exact here because the module's tests run one at a time.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
final class DictAbortCountTest {

    private static final int KEYS_PER_THREAD = 512;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void updatesOfDisjointExistingKeysNeverAbort(int threads) throws InterruptedException {
        int size = Stress.size();
        TDict<Integer, Integer> d = new TDict<>();
        for (int k = 0; k < threads * KEYS_PER_THREAD; k++) {
            d.put(k, 0);
        }
        AtomicLong reRuns = new AtomicLong();
        StmStats delta = Together.run(threads, index -> {
            int n = size / threads;
            int[] runs = new int[1];
            for (int i = 0; i < n; i++) {
                int key = (i % KEYS_PER_THREAD) * threads + index; // interleaved: neighbours belong to others
                runs[0] = 0;
                atomic(() -> {
                    runs[0]++;
                    d.put(key, d.getItem(key) + 1);
                });
                reRuns.addAndGet(runs[0] - 1);
            }
        });
        report("disjoint updates", threads, delta, reRuns.get());
        assertEquals(0, delta.conflictAborts(), "updates of disjoint existing keys conflicted: " + delta);
        assertEquals(0, reRuns.get(), "re-runs");
        long total = atomic(() -> {
            long t = 0;
            for (int v : d.values()) {
                t += v;
            }
            return t;
        });
        assertEquals((long) (size / threads) * threads, total, "increments");
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void deletesOfDisjointExistingKeysNeverAbort(int threads) throws InterruptedException {
        int n = Math.min(Stress.size(), 200_000) / threads;
        Map<Integer, Integer> initial = new LinkedHashMap<>();
        for (int k = 0; k < n * threads; k++) {
            initial.put(k, k);
        }
        TDict<Integer, Integer> d = TDict.from(initial);
        AtomicLong reRuns = new AtomicLong();
        StmStats delta = Together.run(threads, index -> {
            int[] runs = new int[1];
            for (int i = 0; i < n; i++) {
                int key = i * threads + index;
                runs[0] = 0;
                atomic(() -> {
                    runs[0]++;
                    d.delItem(key);
                });
                reRuns.addAndGet(runs[0] - 1);
            }
        });
        report("disjoint deletes", threads, delta, reRuns.get());
        assertEquals(0, delta.conflictAborts(), "deletes of disjoint existing keys conflicted: " + delta);
        assertEquals(0, d.len());
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void insertsOfDistinctNewKeysRarelyAbort(int threads) throws InterruptedException {
        int n = Math.min(Stress.size(), 200_000) / threads;
        TDict<Integer, Integer> d = new TDict<>();
        AtomicLong reRuns = new AtomicLong();
        StmStats delta = Together.run(threads, index -> {
            int[] runs = new int[1];
            for (int i = 0; i < n; i++) {
                int key = i * threads + index;
                runs[0] = 0;
                atomic(() -> {
                    runs[0]++;
                    d.put(key, key);
                });
                reRuns.addAndGet(runs[0] - 1);
            }
        });
        report("distinct inserts", threads, delta, reRuns.get());
        assertRare(delta, (long) n * threads, "inserts of distinct new keys");
        assertEquals(n * threads, d.len());
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4})
    void insertDeleteChurnOfDistinctKeysRarelyAborts(int threads) throws InterruptedException {
        int n = Stress.size() / threads;
        int live = 64;
        TDict<Long, Long> d = new TDict<>();
        AtomicLong reRuns = new AtomicLong();
        StmStats delta = Together.run(threads, index -> {
            int[] runs = new int[1];
            for (long i = 0; i < n; i++) {
                long key = i * threads + index; // never reused: every insert creates a predicate
                long dead = (i - live) * threads + index;
                boolean delete = i >= live;
                runs[0] = 0;
                atomic(() -> {
                    runs[0]++;
                    d.put(key, key);
                    if (delete) {
                        d.delItem(dead);
                    }
                });
                reRuns.addAndGet(runs[0] - 1);
            }
        });
        report("insert/delete churn", threads, delta, reRuns.get());
        assertRare(delta, (long) n * threads, "insert/delete churn of distinct keys");
        assertEquals(Math.min(n, live) * threads, d.len());
    }

    private static void assertRare(StmStats delta, long transactions, String what) {
        long limit = Math.max(1, transactions / 100);
        assertTrue(delta.conflictAborts() <= limit, what + ": " + delta.conflictAborts() + " conflict aborts in "
                + transactions + " transactions (limit 1%): " + delta);
    }

    private static void report(String what, int threads, StmStats delta, long reRuns) {
        System.out.printf("granularity, %s, %d threads: %d commits, %d conflict aborts (%d re-runs counted), %s%n",
                what, threads, delta.commits(), delta.conflictAborts(), reRuns, delta.abortsByCause());
    }
}
