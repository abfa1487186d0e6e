package org.stm4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.testkit.Stress;

/**
 * Irrevocable blocks among ordinary contending ones, all on a few hot TVars. Half of the threads
 * (at least one) run blocks that read and write the hot TVars, call {@link Stm#becomeIrrevocable()}
 * and then perform a side effect (increment an {@link AtomicLong}) and more TVar writes; every
 * other such block is instead configured irrevocable from its start. The other threads run ordinary
 * read-modify-write transactions on the same TVars. Invariants:
 * <ul>
 *   <li>code after {@code becomeIrrevocable()} runs exactly once per block, so the side effects
 *       equal the number of irrevocable blocks exactly;</li>
 *   <li>the transactional counter of irrevocable blocks equals the side effects, the counter of
 *       ordinary blocks the number of ordinary blocks (no lost update on either side);</li>
 *   <li>the hot TVars total two increments per block;</li>
 *   <li>{@link StmStats#irrevocableRuns()} counts at least the irrevocable blocks.</li>
 * </ul>
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class IrrevocableStressTest {

    private static final int HOT = 4;
    private static final TxnConfig IRREVOCABLE_UP_FRONT = TxnConfig.builder().irrevocable(true).build();

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void codeAfterBecomingIrrevocableRunsOncePerBlock(int threads) throws InterruptedException {
        int size = Stress.size();
        int irrevocableThreads = Math.max(1, threads / 2);
        TVar<Long>[] hot = Stress.tvars(HOT, 0L);
        TVar<Long> irrevocableCount = new TVar<>(0L, "irrevocableCount");
        TVar<Long> ordinaryCount = new TVar<>(0L, "ordinaryCount");
        AtomicLong sideEffects = new AtomicLong();
        LongAdder irrevocableBlocks = new LongAdder();
        LongAdder ordinaryBlocks = new LongAdder();
        LongAdder bodyRunsBeforePoint = new LongAdder();
        StmStats before = Stm.stats();

        Stress.run("irrevocable", threads, Stress.budget(size, 50_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0x1eeeL * (index + 1));
            int n = Stress.share(size, threads, index);
            int[] afterPoint = new int[1];
            long[] runsBefore = new long[1];
            for (int k = 0; k < n; k++) {
                int h1 = rnd.nextInt(HOT);
                int h2 = (h1 + 1 + rnd.nextInt(HOT - 1)) % HOT;
                if (index >= irrevocableThreads) {
                    atomic(() -> {
                        hot[h1].set(hot[h1].get() + 1);
                        hot[h2].set(hot[h2].get() + 1);
                        ordinaryCount.set(ordinaryCount.get() + 1);
                    });
                    ordinaryBlocks.increment();
                    continue;
                }
                afterPoint[0] = 0;
                if (k % 2 == 0) {
                    atomic(() -> {
                        runsBefore[0]++;
                        hot[h1].set(hot[h1].get() + 1);
                        Stm.becomeIrrevocable();
                        irrevocablePart(afterPoint, sideEffects, irrevocableCount, hot[h2]);
                    });
                } else {
                    IRREVOCABLE_UP_FRONT.atomic(() -> {
                        irrevocablePart(afterPoint, sideEffects, irrevocableCount, hot[h2]);
                        hot[h1].set(hot[h1].get() + 1);
                    });
                }
                if (afterPoint[0] != 1) {
                    throw new AssertionError("the irrevocable part of block " + k + " of thread " + index
                            + " ran " + afterPoint[0] + " times");
                }
                irrevocableBlocks.increment();
            }
            bodyRunsBeforePoint.add(runsBefore[0]);
        });

        StmStats delta = Stm.stats().minus(before);
        long irrevocable = irrevocableBlocks.sum();
        long ordinary = ordinaryBlocks.sum();
        assertEquals(size, irrevocable + ordinary, "blocks run");
        assertEquals(irrevocable, sideEffects.get(), "side effects after becomeIrrevocable()");
        assertEquals(irrevocable, (long) irrevocableCount.get(), "transactional counter of irrevocable blocks");
        assertEquals(ordinary, (long) ordinaryCount.get(), "transactional counter of ordinary blocks");
        long hotSum = atomic(() -> {
            long s = 0;
            for (TVar<Long> v : hot) {
                s += v.get();
            }
            return s;
        });
        assertEquals(2 * (irrevocable + ordinary), hotSum, "increments of the hot TVars");
        assertTrue(delta.irrevocableRuns() >= irrevocable,
                "stats count " + delta.irrevocableRuns() + " irrevocable runs for " + irrevocable + " blocks: " + delta);
        assertTrue(delta.commits() >= size, "stats show too few commits: " + delta);
        assertTrue(bodyRunsBeforePoint.sum() >= (irrevocable + 1) / 2, "becomeIrrevocable() blocks were not run");
    }

    /** The part of a block that must run once: asserts irrevocability, then the side effect and writes. */
    private static void irrevocablePart(int[] afterPoint, AtomicLong sideEffects, TVar<Long> counter, TVar<Long> hot) {
        if (!Stm.isIrrevocable()) {
            throw new AssertionError("Stm.isIrrevocable() is false after becoming irrevocable");
        }
        afterPoint[0]++;
        sideEffects.incrementAndGet();
        counter.set(counter.get() + 1);
        hot.set(hot.get() + 1);
    }
}
