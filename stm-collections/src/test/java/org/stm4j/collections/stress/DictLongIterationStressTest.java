package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.collections.TDict;
import org.stm4j.testkit.Stress;

/**
 * A long iteration over a large {@link TDict} ({@value #KEYS} keys) against 2-4 writers that keep
 * committing short transfers between random keys (and now and then move a key to the end by
 * deleting and re-inserting it). The iteration sums all values inside one transaction, which
 * conflicts with almost every writer; the default contention manager escalates (backoff, priority,
 * then irrevocable from the 8th consecutive abort), so:
 * <ul>
 *   <li><b>the iteration is not starved</b>: each one commits, within
 *       {@link Stress#ATTEMPT_BOUND} attempts (its attempts are counted and printed);</li>
 *   <li><b>the writers are not starved</b>: each transfer commits within the same bound;</li>
 *   <li>every attempt of the iteration sees the exact total over exactly {@value #KEYS} keys
 *       (a consistent snapshot), and the total is conserved at the end.</li>
 * </ul>
 * The writers make at least their share of the size and keep going until the iteration has
 * committed {@value #MIN_SCANS} times (ten times that in the slow variant). One variant iterates
 * read-only, the other also writes the sum it saw into a TVar (a long read-write transaction, which
 * must validate at commit). Blocks run under the built-in default
 * configuration, whatever {@code -Dstm4j.contentionManager} selects for the process.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class DictLongIterationStressTest {

    private static final int KEYS = 20_000;
    private static final int INITIAL = 100;
    private static final long TOTAL = (long) KEYS * INITIAL;
    private static final int MOVE_EVERY = 16;
    /** The writers keep going until the iteration has committed this many times. */
    private static final int MIN_SCANS = 5;
    /** The built-in defaults, whose attempt bound {@link Stress#ATTEMPT_BOUND} is. */
    private static final TxnConfig BUILT_IN = TxnConfig.builder().build();

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 4})
    void readOnlyIterationCommitsWithinTheBoundWhileWritersCommit(int writers) throws InterruptedException {
        iterate(writers, false, Stress.size(2, 2_000), MIN_SCANS);
    }

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 4})
    void readWriteIterationCommitsWithinTheBoundWhileWritersCommit(int writers) throws InterruptedException {
        iterate(writers, true, Stress.size(2, 2_000), MIN_SCANS);
    }

    /** Eight writers, the whole size, and many more iterations. */
    @Test
    @Tag("slow")
    void iterationCommitsAgainstEightWriters() throws InterruptedException {
        iterate(8, true, Stress.size(), 10 * MIN_SCANS);
    }

    private static void iterate(int writers, boolean write, int size, int minScans) throws InterruptedException {
        Map<Integer, Integer> initial = new LinkedHashMap<>();
        for (int k = 0; k < KEYS; k++) {
            initial.put(k, INITIAL);
        }
        TDict<Integer, Integer> d = TDict.from(initial);
        TVar<Long> seen = new TVar<>(0L);
        AtomicInteger writersLeft = new AtomicInteger(writers);
        LongAdder scans = new LongAdder();
        Stress.Attempts scanAttempts = new Stress.Attempts();
        Stress.Attempts writerAttempts = new Stress.Attempts();

        Stress.run("dict-long-iteration", writers + 1, Stress.budget(size, 100_000), index -> {
            if (index == 0) {
                int[] tries = new int[1];
                do {
                    tries[0] = 0;
                    BUILT_IN.atomic(() -> {
                        tries[0]++;
                        long sum = 0;
                        int count = 0;
                        for (Map.Entry<Integer, Integer> e : d.items()) {
                            sum += e.getValue();
                            count++;
                        }
                        if (sum != TOTAL || count != KEYS) {
                            throw new AssertionError("iteration saw " + sum + " over " + count + " keys, expected "
                                    + TOTAL + " over " + KEYS);
                        }
                        if (write) {
                            seen.set(sum);
                        }
                    });
                    scanAttempts.record("iteration " + scans.sum(), tries[0]);
                    scans.increment();
                } while (writersLeft.get() > 0);
                return;
            }
            try {
                SplittableRandom rnd = new SplittableRandom(0x10a6L * index);
                int[] tries = new int[1];
                // At least the share of the size, and on until the iteration has committed MIN_SCANS times.
                for (int k = Stress.share(size, writers, index - 1); k > 0 || scans.sum() < minScans; k--) {
                    int from = rnd.nextInt(KEYS);
                    int to = rnd.nextInt(KEYS);
                    int amount = 1 + rnd.nextInt(5);
                    boolean move = k % MOVE_EVERY == 0;
                    tries[0] = 0;
                    BUILT_IN.atomic(() -> {
                        tries[0]++;
                        int f = move ? d.pop(from) : d.getItem(from);
                        d.put(from, f - amount);
                        d.put(to, d.getItem(to) + amount);
                    });
                    writerAttempts.record("transfer", tries[0]);
                }
            } finally {
                writersLeft.decrementAndGet();
            }
        });

        long sum = atomic(() -> {
            long s = 0;
            for (int v : d.values()) {
                s += v;
            }
            return s;
        });
        assertEquals(TOTAL, sum, "total not conserved");
        assertEquals(KEYS, d.len());
        assertTrue(scans.sum() >= 1, "no iteration committed");
        if (write) {
            assertEquals(TOTAL, seen.get());
        }
        System.out.printf("dict-long-iteration, %d writers, %s: %d iterations, attempts per iteration %s,"
                + " per transfer %s%n", writers, write ? "read-write" : "read-only", scans.sum(), scanAttempts,
                writerAttempts);
    }
}
