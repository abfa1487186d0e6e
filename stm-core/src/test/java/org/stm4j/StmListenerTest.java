package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.stm4j.internal.TxnContext;

/**
 * {@link StmListener}: every commit and abort reported exactly once (checked against
 * {@link Stm#stats()} under 4 threads), the other events, and listeners that throw.
 */
class StmListenerTest {

    /** Counts everything it is told. */
    static final class Counting implements StmListener {
        final LongAdder commits = new LongAdder();
        final LongAdder readOnly = new LongAdder();
        final Map<AbortCause, LongAdder> aborts = new EnumMap<>(AbortCause.class);
        final LongAdder retryWaits = new LongAdder();
        final LongAdder irrevocable = new LongAdder();
        final LongAdder longOnes = new LongAdder();

        Counting() {
            for (AbortCause c : AbortCause.values()) {
                aborts.put(c, new LongAdder());
            }
        }

        @Override
        public void onCommit(int attempts, boolean ro) {
            assertTrue(attempts >= 1);
            commits.increment();
            if (ro) {
                readOnly.increment();
            }
        }

        @Override
        public void onAbort(AbortCause cause, int attempt) {
            assertTrue(attempt >= 1);
            aborts.get(cause).increment();
        }

        @Override
        public void onRetryWait(long waitedNanos) {
            retryWaits.increment();
        }

        @Override
        public void onIrrevocable() {
            irrevocable.increment();
        }

        @Override
        public void onLongTransaction(long durationNanos, int attempts) {
            longOnes.increment();
        }

        @Override
        public Duration longTransactionThreshold() {
            return Duration.ofMillis(50);
        }
    }

    /** 4 threads: conflicting increments, read-only blocks, writes outside blocks, exceptions, irrevocable blocks. */
    private static void workload(TVar<Long> counter, TVar<Long> other) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        TxnConfig irrevocable = TxnConfig.builder().irrevocable(true).build();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    atomic(() -> counter.set(counter.get() + 1));
                    if (i % 7 == 0) {
                        atomic(() -> counter.get() + other.get());
                    }
                    if (i % 11 == 0) {
                        other.set((long) i);
                    }
                    if (i % 13 == 0) {
                        try {
                            atomic(() -> {
                                counter.set(counter.get() + 1_000_000);
                                throw new IllegalStateException("abandon");
                            });
                        } catch (IllegalStateException expected) {
                            // abandoned: an EXCEPTION abort
                        }
                    }
                    if (i % 101 == id) {
                        atomic(irrevocable, () -> other.set(other.get() + 1));
                    }
                }
            });
            th.setUncaughtExceptionHandler((x, e) -> failure.set(e));
            threads.add(th);
        }
        threads.forEach(Thread::start);
        for (Thread th : threads) {
            th.join();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(80_000L, (long) counter.get());
    }

    @Test
    void seesEveryCommitAndAbortExactlyOnceUnderFourThreads() throws InterruptedException {
        Counting l = new Counting();
        Stm.addListener(l);
        try {
            StmStats before = Stm.stats();
            workload(new TVar<>(0L), new TVar<>(0L));
            StmStats d = Stm.stats().minus(before);
            assertEquals(d.commits(), l.commits.sum(), "commits");
            assertEquals(d.readOnlyCommits(), l.readOnly.sum(), "read-only commits");
            for (AbortCause c : AbortCause.values()) {
                assertEquals(d.aborts(c), l.aborts.get(c).sum(), c.toString());
            }
            assertTrue(l.aborts.get(AbortCause.EXCEPTION).sum() > 0);
            assertTrue(l.irrevocable.sum() >= d.irrevocableRuns(), l.irrevocable.sum() + " < " + d.irrevocableRuns());
            assertEquals(0, d.listenerFailures());
        } finally {
            assertTrue(Stm.removeListener(l));
        }
        assertFalse(Stm.removeListener(l), "removed twice");
    }

    @Test
    void retryWaitsAndLongTransactions() throws InterruptedException {
        Counting l = new Counting();
        Stm.addListener(l);
        Stm.addListener(l); // ignored: once per listener
        try {
            TVar<Integer> box = new TVar<>(0);
            CountDownLatch waiting = new CountDownLatch(1);
            Thread consumer = new Thread(() -> atomic(() -> {
                if (box.get() == 0) {
                    waiting.countDown();
                    Stm.retry();
                }
            }));
            consumer.start();
            assertTrue(waiting.await(30, TimeUnit.SECONDS));
            Thread.sleep(20);
            atomic(() -> box.set(1));
            consumer.join();
            assertEquals(1, l.retryWaits.sum());
            assertEquals(1, l.aborts.get(AbortCause.RETRY).sum());

            atomic(() -> {
                box.set(2);
                sleep(60);
            });
            atomic(() -> box.set(3)); // short: not reported
            assertEquals(1, l.longOnes.sum(), "the block over the 50 ms threshold, once");
        } finally {
            Stm.removeListener(l);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Throws from every method: a RuntimeException, an Error, a StackOverflowError. */
    static final class Throwing implements StmListener {
        final AtomicLong calls = new AtomicLong();

        @Override
        public void onCommit(int attempts, boolean readOnly) {
            calls.incrementAndGet();
            throw new IllegalStateException("listener bug");
        }

        @Override
        public void onAbort(AbortCause cause, int attempt) {
            calls.incrementAndGet();
            throw new StackOverflowError("listener overflow");
        }

        @Override
        public void onIrrevocable() {
            calls.incrementAndGet();
            throw new OutOfMemoryError("listener oom");
        }
    }

    @Test
    void aThrowingListenerNeverBreaksATransactionNorLeavesALockHeld() throws InterruptedException {
        Throwing bad = new Throwing();
        Counting good = new Counting();
        Stm.addListener(bad);
        Stm.addListener(good);
        TVar<Long> counter = new TVar<>(0L);
        TVar<Long> other = new TVar<>(0L);
        try {
            StmStats before = Stm.stats();
            workload(counter, other);
            StmStats d = Stm.stats().minus(before);
            assertEquals(bad.calls.get(), d.listenerFailures(), "each throw caught and counted");
            assertTrue(bad.calls.get() > 0);
            assertEquals(d.commits(), good.commits.sum(), "the next listener still sees every commit");
            assertNull(TxnContext.leftoversOfCurrentThread());
        } finally {
            Stm.removeListener(bad);
            Stm.removeListener(good);
        }
        // another thread can still lock and write both TVars: nothing was left held
        Thread t = new Thread(() -> atomic(() -> {
            counter.set(counter.get() + 1);
            other.set(other.get() + 1);
        }));
        t.start();
        t.join(30_000);
        assertFalse(t.isAlive());
        assertEquals(80_001L, (long) counter.get());
    }

    @Test
    void badInput() {
        assertThrows(NullPointerException.class, () -> Stm.addListener(null));
        assertThrows(NullPointerException.class, () -> Stm.removeListener(null));
        assertFalse(Stm.removeListener(new StmListener() { }));
    }
}
