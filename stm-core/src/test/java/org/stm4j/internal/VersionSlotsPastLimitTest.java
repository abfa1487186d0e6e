package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.TVar;

/**
 * More threads in blocks at once than there are version slots (63): the contexts past the limit
 * commit without a slot (a clock CAS per update commit, as in GV4) beside contexts that have one,
 * and every commit is still correct (issue 14 §1).
 */
class VersionSlotsPastLimitTest {
    private static final int THREADS = 128;
    private static final int ROUNDS = 500;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void hundredTwentyEightThreadsAllInBlocksCommitCorrectly() throws Exception {
        TVar<Long> shared = new TVar<>(0L);
        TVar<Long> x = new TVar<>(0L);
        TVar<Long> y = new TVar<>(100L);
        @SuppressWarnings({"unchecked", "rawtypes"})
        TVar<Long>[] own = new TVar[THREADS];
        for (int i = 0; i < THREADS; i++) {
            own[i] = new TVar<>(0L);
        }
        CountDownLatch inside = new CountDownLatch(THREADS);
        int[] slots = new int[THREADS];
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger moves = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();

        for (int i = 0; i < THREADS; i++) {
            int me = i;
            Thread t = new Thread(() -> {
                try {
                    // 1. Every thread inside a block at once, then all commit one conflicting update.
                    boolean[] entered = {false};
                    atomic(() -> {
                        if (!entered[0]) { // a re-run attempt does not count again, nor wait
                            entered[0] = true;
                            inside.countDown();
                            try {
                                if (!inside.await(60, TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("not all threads entered a block");
                                }
                            } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                            }
                        }
                        shared.set(shared.get() + 1);
                    });
                    slots[me] = TxnContext.current().versionSlot;
                    // 2. Disjoint updates, a shared invariant moved and checked, all threads running.
                    TVar<Long> mine = own[me];
                    for (int r = 0; r < ROUNDS; r++) {
                        atomic(() -> mine.set(mine.get() + 1));
                        if (r % 10 == me % 10) {
                            atomic(() -> {
                                long a = x.get();
                                long b = y.get();
                                if (a + b != 100) {
                                    violations.incrementAndGet();
                                }
                                x.set(a + 1);
                                y.set(b - 1);
                            });
                            moves.incrementAndGet();
                        } else {
                            long sum = atomic(() -> x.get() + y.get());
                            if (sum != 100) {
                                violations.incrementAndGet();
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "slots-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.MINUTES.toMillis(2));
            assertTrue(!t.isAlive(), t.getName() + " did not finish");
        }
        if (failure.get() != null) {
            throw new AssertionError("a thread failed", failure.get());
        }

        assertEquals(THREADS, shared.get(), "one increment per thread, none lost or doubled");
        for (int i = 0; i < THREADS; i++) {
            assertEquals(ROUNDS, own[i].get(), "thread " + i + "'s own counter");
        }
        assertEquals(0, violations.get(), "x + y == 100 in every snapshot");
        assertEquals(moves.get(), x.get());
        assertEquals(100 - moves.get(), y.get());

        Set<Integer> distinct = new HashSet<>();
        int without = 0;
        for (int s : slots) {
            if (s == 0) {
                without++;
            } else {
                assertTrue(distinct.add(s), "version slot " + s + " held by two live threads");
            }
        }
        assertTrue(distinct.size() <= Meta.MAX_SLOT, distinct.size() + " slots");
        assertTrue(without >= THREADS - Meta.MAX_SLOT,
                "at least " + (THREADS - Meta.MAX_SLOT) + " of the threads ran without a slot: " + without);
    }
}
