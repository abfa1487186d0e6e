package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Statistics. They are process-wide, so every test measures a delta ({@link StmStats#minus}) around
 * what it does; helper work runs on one long-lived executor thread so that no thread dies (and has
 * its counters retired) during a measurement.
 */
@Timeout(30)
class StatsTest {

    private ExecutorService helper;
    private volatile Thread helperThread;

    @BeforeEach
    void startHelper() throws Exception {
        helper = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stats-helper");
            t.setDaemon(true);
            helperThread = t;
            return t;
        });
        helper.submit(() -> new TVar<>(0).set(1)).get(); // create the helper's transaction context first
    }

    @AfterEach
    void stopHelper() throws InterruptedException {
        helper.shutdownNow();
        assertTrue(helper.awaitTermination(10, TimeUnit.SECONDS));
    }

    /** Increments {@code v} non-transactionally on the helper thread and waits for it. */
    private void changeOnHelper(TVar<Integer> v) {
        try {
            helper.submit(() -> v.set(v.get() + 1)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertAbortsOnly(StmStats delta, AbortCause cause, long n) {
        for (AbortCause c : AbortCause.values()) {
            assertEquals(c == cause ? n : 0, delta.aborts(c), c + " in " + delta);
        }
    }

    @Test
    void updateCommitsAreCounted() {
        TVar<Integer> x = new TVar<>(0);
        StmStats before = Stm.stats();
        for (int i = 0; i < 3; i++) {
            atomic(() -> x.set(x.get() + 1));
        }
        StmStats d = Stm.stats().minus(before);
        assertEquals(3, d.commits(), d.toString());
        assertEquals(0, d.readOnlyCommits(), d.toString());
        assertEquals(0, d.irrevocableRuns(), d.toString());
        assertAbortsOnly(d, AbortCause.RETRY, 0);
    }

    @Test
    void readOnlyCommitsAreCounted() {
        TVar<Integer> x = new TVar<>(0);
        StmStats before = Stm.stats();
        int v = atomic(() -> x.get());
        atomic(() -> {
        });
        StmStats d = Stm.stats().minus(before);
        assertEquals(0, v);
        assertEquals(2, d.commits(), d.toString());
        assertEquals(2, d.readOnlyCommits(), d.toString());
    }

    @Test
    void nonTransactionalSetCountsAsACommit() {
        TVar<Integer> x = new TVar<>(0);
        StmStats before = Stm.stats();
        x.set(1);
        x.set(2);
        StmStats d = Stm.stats().minus(before);
        assertEquals(2, d.commits(), d.toString());
        assertEquals(0, d.readOnlyCommits(), d.toString());
    }

    @Test
    void nestedBlocksCountAsOneCommit() {
        TVar<Integer> x = new TVar<>(0);
        StmStats before = Stm.stats();
        atomic(() -> {
            atomic(() -> x.set(1));
            atomic(() -> x.set(x.get() + 1));
        });
        StmStats d = Stm.stats().minus(before);
        assertEquals(1, d.commits(), d.toString());
    }

    @Test
    void exceptionAbortsAreCounted() {
        TVar<Integer> x = new TVar<>(0);
        StmStats before = Stm.stats();
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> atomic(() -> {
                x.set(1);
                throw new IllegalStateException();
            }));
        }
        StmStats d = Stm.stats().minus(before);
        assertEquals(0, d.commits(), d.toString());
        assertAbortsOnly(d, AbortCause.EXCEPTION, 2);
        assertEquals(0, d.conflictAborts());
        assertEquals(0, d.retries());
    }

    @Test
    void retryAbortsAreCounted() throws Exception {
        TVar<Integer> flag = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        StmStats before = Stm.stats();
        Future<Integer> waiter = helper.submit(() -> atomic(() -> {
            runs.incrementAndGet();
            if (flag.get() == 0) {
                Stm.retry();
            }
            return flag.get();
        }));
        TestSupport.waitUntil("the block ran", 10_000, () -> runs.get() >= 1);
        TestSupport.waitUntilParked(helperThread); // blocked in retry
        flag.set(1);
        assertEquals(1, waiter.get(10, TimeUnit.SECONDS));
        StmStats d = Stm.stats().minus(before);
        assertEquals(2, runs.get());
        assertEquals(1, d.retries(), d.toString());
        assertAbortsOnly(d, AbortCause.RETRY, 1);
        assertEquals(2, d.commits(), "the set and the re-run block: " + d);
        assertEquals(0, d.conflictAborts());
    }

    @Test
    void validationConflictsAreCounted() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        StmStats before = Stm.stats();
        atomic(() -> {
            int seen = x.get();
            if (runs.incrementAndGet() == 1) {
                changeOnHelper(x); // invalidates the read; detected at commit
            }
            y.set(seen);
        });
        StmStats d = Stm.stats().minus(before);
        assertEquals(2, runs.get());
        assertAbortsOnly(d, AbortCause.VALIDATION, 1);
        assertEquals(1, d.conflictAborts(), d.toString());
        assertEquals(2, d.commits(), "the helper's set and the block: " + d);
    }

    @Test
    void readConflictsAreCounted() {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        StmStats before = Stm.stats();
        int v = atomic(() -> {
            int first = x.get();
            if (runs.incrementAndGet() == 1) {
                changeOnHelper(x);
            }
            return first + x.get(); // the re-read meets a newer version and cannot extend
        });
        StmStats d = Stm.stats().minus(before);
        assertEquals(2, v);
        assertAbortsOnly(d, AbortCause.READ_CONFLICT, 1);
        assertEquals(1, d.conflictAborts());
        assertEquals(1, d.readOnlyCommits(), d.toString());
    }

    @Test
    void irrevocableUpgradeFailureIsCountedAndTheBlockRestartsIrrevocable() {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        StringBuilder modes = new StringBuilder();
        StmStats before = Stm.stats();
        atomic(() -> {
            modes.append(Stm.isIrrevocable() ? 'I' : 'O');
            int seen = x.get();
            if (runs.incrementAndGet() == 1) {
                changeOnHelper(x);
            }
            Stm.becomeIrrevocable(); // validation of the read fails: restart, irrevocable from the start
            x.set(seen + 10);
        });
        StmStats d = Stm.stats().minus(before);
        assertEquals("OI", modes.toString());
        assertEquals(11, x.get());
        assertAbortsOnly(d, AbortCause.IRREVOCABLE_UPGRADE, 1);
        assertEquals(1, d.irrevocableRuns(), d.toString());
    }

    @Test
    void irrevocableRunsAreCounted() {
        TVar<Integer> x = new TVar<>(0);
        StmStats before = Stm.stats();
        atomic(TxnConfig.builder().irrevocable(true).build(), () -> x.set(1));
        atomic(() -> {
            x.set(x.get() + 1);
            Stm.becomeIrrevocable();
        });
        int v = atomic(() -> {
            Stm.becomeIrrevocable();
            return x.get();
        });
        atomic(() -> x.set(x.get() + 1)); // not irrevocable
        StmStats d = Stm.stats().minus(before);
        assertEquals(2, v);
        assertEquals(4, d.commits(), d.toString());
        assertEquals(3, d.irrevocableRuns(), d.toString());
        assertEquals(1, d.readOnlyCommits(), d.toString());
    }

    @Test
    void statsSnapshotApi() {
        StmStats s = Stm.stats();
        StmStats zero = s.minus(s);
        assertEquals(0, zero.commits());
        assertEquals(0, zero.readOnlyCommits());
        assertEquals(0, zero.irrevocableRuns());
        assertEquals(0, zero.conflictAborts());
        assertEquals(AbortCause.values().length, s.abortsByCause().size());
        for (AbortCause c : AbortCause.values()) {
            assertEquals(s.aborts(c), (long) s.abortsByCause().get(c));
            assertEquals(0, zero.aborts(c));
        }
        assertEquals(s.aborts(AbortCause.RETRY), s.retries());
        long conflicts = 0;
        for (AbortCause c : AbortCause.values()) {
            if (c != AbortCause.RETRY && c != AbortCause.EXCEPTION) {
                conflicts += s.aborts(c);
            }
        }
        assertEquals(conflicts, s.conflictAborts());
        assertTrue(s.commits() >= s.readOnlyCommits());
        assertTrue(s.toString().contains("commits="), s.toString());
    }

    @Test
    void countersOfOtherThreadsAreIncluded() throws Exception {
        TVar<Integer> x = new TVar<>(0);
        StmStats before = Stm.stats();
        helper.submit(() -> {
            for (int i = 0; i < 100; i++) {
                atomic(() -> x.set(x.get() + 1));
            }
        }).get(10, TimeUnit.SECONDS);
        StmStats d = Stm.stats().minus(before);
        assertEquals(100, d.commits(), d.toString());
    }

    /**
     * A dead thread's counts move from the live set to the retired totals when the GC collects its
     * context; a snapshot taken meanwhile must still count them once, so totals never go backwards.
     */
    @Test
    void totalsNeverGoBackwardsWhileThreadsDie() throws Exception {
        TVar<Integer> x = new TVar<>(0);
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> regression = new java.util.concurrent.atomic.AtomicReference<>();
        Thread sampler = new Thread(() -> {
            long last = 0;
            while (!done.get() && regression.get() == null) {
                long now = Stm.stats().commits();
                if (now < last) {
                    regression.set("commits went from " + last + " to " + now);
                }
                last = now;
            }
        });
        sampler.start();
        for (int round = 0; round < 40 && regression.get() == null; round++) {
            Thread[] shortLived = new Thread[8];
            for (int t = 0; t < shortLived.length; t++) {
                shortLived[t] = new Thread(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        atomic(() -> x.set(x.get() + 1));
                    }
                });
                shortLived[t].start();
            }
            for (Thread t : shortLived) {
                t.join();
            }
            System.gc(); // lets the Cleaner retire the dead threads' counters while the sampler sums
        }
        done.set(true);
        sampler.join();
        assertEquals(null, regression.get());
    }
}
