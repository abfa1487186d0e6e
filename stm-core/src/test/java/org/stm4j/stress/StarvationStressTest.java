package org.stm4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.testkit.Stress;

/**
 * Progress under the default contention manager, which escalates by consecutive aborts (backoff
 * from the 2nd, priority from the 4th, irrevocable from the 8th), so every block commits within
 * about ten attempts. Each test counts the invocations of the block body per {@code atomic} call
 * and fails as soon as one exceeds {@link Stress#ATTEMPT_BOUND}:
 * <ul>
 *   <li>a long read-only scan over {@value #VARS} TVars (asserting inside the body that the sum is
 *       conserved) runs again and again while 2-8 writers make short transfers among them: neither
 *       the scanner nor any writer starves;</li>
 *   <li>a hot spot: every thread increments one TVar; the final value is exact.</li>
 * </ul>
 * The size counts the writers' transfers (resp. the increments); the scans come on top. The blocks
 * run with the built-in default configuration even when {@code -Dstm4j.contentionManager} selects
 * another manager for the process (the other stress tests then run under that manager).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class StarvationStressTest {

    private static final int VARS = 1_000;
    private static final int INITIAL = 100;
    private static final long TOTAL = (long) VARS * INITIAL;
    /**
     * The built-in defaults ({@code "default"} manager, attempt limit 64), whatever
     * {@code -Dstm4j.contentionManager} makes the process-wide default: the bound is theirs.
     */
    private static final TxnConfig BUILT_IN = TxnConfig.builder().build();

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 4, 8})
    void longScanCommitsWithinTheBoundWhileWritersTransfer(int writers) throws InterruptedException {
        int size = Stress.size();
        TVar<Integer>[] vars = Stress.tvars(VARS, INITIAL);
        AtomicInteger writersLeft = new AtomicInteger(writers);
        AtomicInteger violations = new AtomicInteger();
        AtomicIntegerArray scanAttempts = new AtomicIntegerArray(Stress.ATTEMPT_BOUND + 1);
        AtomicIntegerArray writerAttempts = new AtomicIntegerArray(Stress.ATTEMPT_BOUND + 1);
        LongAdder scans = new LongAdder();

        // Worker 0 scans until every writer is done (at least once); workers 1..writers transfer.
        Stress.run("starvation-scan", writers + 1, Stress.budget(size, 50_000), index -> {
            if (index == 0) {
                do {
                    int[] attempts = {0};
                    long sum = BUILT_IN.atomic(() -> {
                        attempts[0]++;
                        long s = 0;
                        for (TVar<Integer> v : vars) {
                            s += v.get();
                        }
                        if (s != TOTAL) {
                            violations.incrementAndGet();
                            throw new AssertionError("opacity: scan saw a total of " + s + ", expected " + TOTAL);
                        }
                        return s;
                    });
                    assertEquals(TOTAL, sum);
                    checkBound("scan " + scans.sum(), attempts[0], scanAttempts);
                    scans.increment();
                } while (writersLeft.get() > 0);
                return;
            }
            try {
                SplittableRandom rnd = new SplittableRandom(0x5ca1eL * index);
                int[] attempts = new int[1];
                for (int k = Stress.share(size, writers, index - 1); k > 0; k--) {
                    int from = rnd.nextInt(VARS);
                    int to = (from + 1 + rnd.nextInt(VARS - 1)) % VARS;
                    int amount = 1 + rnd.nextInt(5);
                    attempts[0] = 0;
                    BUILT_IN.atomic(() -> {
                        attempts[0]++;
                        vars[from].set(vars[from].get() - amount);
                        vars[to].set(vars[to].get() + amount);
                    });
                    checkBound("transfer", attempts[0], writerAttempts);
                }
            } finally {
                writersLeft.decrementAndGet();
            }
        });

        assertEquals(0, violations.get(), "inconsistent scans");
        long sum = atomic(() -> {
            long s = 0;
            for (TVar<Integer> v : vars) {
                s += v.get();
            }
            return s;
        });
        assertEquals(TOTAL, sum, "total not conserved");
        assertTrue(scans.sum() >= 1, "no scan ran");
        System.out.printf("starvation-scan, %d writers: %d scans, attempts per scan %s, per transfer %s%n",
                writers, scans.sum(), histogram(scanAttempts), histogram(writerAttempts));
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void hotSpotCounterIsExactAndEveryIncrementCommitsWithinTheBound(int threads) throws InterruptedException {
        int size = Stress.size();
        TVar<Long> counter = new TVar<>(0L, "hot");
        AtomicIntegerArray attemptsSeen = new AtomicIntegerArray(Stress.ATTEMPT_BOUND + 1);

        Stress.run("starvation-hot", threads, Stress.budget(size, 50_000), index -> {
            int[] attempts = new int[1];
            for (int k = Stress.share(size, threads, index); k > 0; k--) {
                attempts[0] = 0;
                BUILT_IN.atomic(() -> {
                    attempts[0]++;
                    counter.set(counter.get() + 1);
                });
                checkBound("increment", attempts[0], attemptsSeen);
            }
        });

        assertEquals(size, (long) counter.get(), "increments lost or duplicated");
        System.out.printf("starvation-hot, %d threads: attempts per increment %s%n", threads, histogram(attemptsSeen));
    }

    /** Records {@code attempts} and fails if it exceeds the bound. */
    private static void checkBound(String what, int attempts, AtomicIntegerArray histogram) {
        if (attempts < 1 || attempts > Stress.ATTEMPT_BOUND) {
            throw new AssertionError(what + " took " + attempts + " attempts; the default contention manager"
                    + " should commit every block within " + Stress.ATTEMPT_BOUND);
        }
        histogram.incrementAndGet(attempts);
    }

    /** "attempts:count" pairs for the non-zero entries. */
    private static String histogram(AtomicIntegerArray h) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 1; i < h.length(); i++) {
            if (h.get(i) != 0) {
                sb.append(sb.length() > 1 ? ", " : "").append(i).append(':').append(h.get(i));
            }
        }
        return sb.append('}').toString();
    }
}
