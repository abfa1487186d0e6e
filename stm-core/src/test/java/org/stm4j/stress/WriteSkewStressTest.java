package org.stm4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.TVar;
import org.stm4j.testkit.Stress;

/**
 * Write skew: {@code x + y >= 0} is the invariant, and a decrement reads both but writes only one
 * of them, so under snapshot isolation two concurrent decrements of different variables could each
 * see room for themselves and together break it. stm4j is serializable (its commit validates the
 * read set), so the invariant must hold:
 * <ul>
 *   <li>inside every transaction body (opacity),</li>
 *   <li>after every commit (a separate transaction reads both),</li>
 *   <li>at the end, where also {@code x + y} equals its initial value plus the sum of the deltas
 *       the committed transactions report (no lost update).</li>
 * </ul>
 * Three quarters of the operations are decrements, so the sum hovers near zero where skew would
 * show, and every operation yields the processor between its reads and its commit, so that
 * operations of different threads interleave even on one core. Each operation is followed by a
 * check, and both count towards the size.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class WriteSkewStressTest {

    private static final int INITIAL = 10;
    private static final int MAX_AMOUNT = 10;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void decrementsNeverDriveTheSumNegative(int threads) throws InterruptedException {
        int size = Stress.size();
        TVar<Integer> x = new TVar<>(INITIAL, "x");
        TVar<Integer> y = new TVar<>(INITIAL, "y");
        AtomicInteger violations = new AtomicInteger();
        LongAdder applied = new LongAdder();
        LongAdder refused = new LongAdder();

        Stress.run("write-skew", threads, Stress.budget(size, 20_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0xface_b00cL * (index + 1));
            int ops = Math.max(1, Stress.share(size, threads, index) / 2);
            long appliedHere = 0;
            long refusedHere = 0;
            for (int k = 0; k < ops; k++) {
                boolean increment = rnd.nextInt(4) == 0;
                TVar<Integer> target = rnd.nextBoolean() ? x : y;
                int amount = 1 + rnd.nextInt(MAX_AMOUNT);
                int delta = atomic(() -> {
                    int a = x.get();
                    int b = y.get();
                    if (a + b < 0) {
                        violations.incrementAndGet();
                        throw new AssertionError("inside a transaction: x + y = " + a + " + " + b + " < 0");
                    }
                    int current = target == x ? a : b;
                    // Let another thread run between our reads and our commit, so that decrements
                    // interleave even where the threads get little real parallelism.
                    Thread.yield();
                    if (increment) {
                        target.set(current + amount);
                        return amount;
                    }
                    if (a + b - amount < 0) {
                        return 0;
                    }
                    target.set(current - amount);
                    return -amount;
                });
                appliedHere += delta;
                if (delta == 0) {
                    refusedHere++;
                }
                int[] seen = atomic(() -> new int[] {x.get(), y.get()});
                if (seen[0] + seen[1] < 0) {
                    violations.incrementAndGet();
                    throw new AssertionError("after a commit: x + y = " + seen[0] + " + " + seen[1] + " < 0");
                }
            }
            applied.add(appliedHere);
            refused.add(refusedHere);
        });

        assertEquals(0, violations.get(), "write-skew invariant violations");
        int fx = x.get();
        int fy = y.get();
        assertTrue(fx + fy >= 0, "at the end x + y = " + fx + " + " + fy + " < 0");
        assertEquals(2L * INITIAL + applied.sum(), (long) fx + fy,
                "x + y differs from the initial sum plus the committed deltas: an update was lost");
        if (size >= 1_000) {
            assertTrue(refused.sum() > 0, "no decrement was ever refused: the test did not reach the boundary");
        }
    }
}
