package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;
import org.stm4j.access.Txn;
import org.stm4j.testkit.Waits;

/**
 * Threads that borrow a context per top-level block ({@link Contexts}: virtual threads by default,
 * every thread with {@code -Dstm4j.lendContexts=all}) hold none between blocks: not while parked,
 * not after a block threw, not after a write or read outside a block; a block's lookups all find
 * the one lent context, never another thread's; statistics stay exact; money is conserved when every
 * transfer runs on a new thread. On JDK 17 with the default setting no thread borrows, so these tests
 * are skipped there; the build runs them on JDK 25 (virtual threads) and, in a second pass of this
 * module's suite, on JDK 17 with every thread borrowing.
 */
class ContextLendingTest {

    private static final Method OF_VIRTUAL = method(Thread.class, "ofVirtual");
    private static final Method UNSTARTED = OF_VIRTUAL == null ? null
            : method(OF_VIRTUAL.getReturnType(), "unstarted", Runnable.class);
    /**
     * Whether this JVM has virtual threads and they borrow: asked of one virtual thread, once, in
     * {@link #onlyWhereSomeThreadBorrows} (not in this class's initializer, which that thread's task,
     * a lambda of this class, would wait for).
     */
    private static Boolean virtualBorrows;

    @BeforeEach
    void onlyWhereSomeThreadBorrows() {
        if (virtualBorrows == null) {
            virtualBorrows = OF_VIRTUAL != null && virtualThreadsBorrow();
        }
        assumeTrue(borrowingThreadsExist(), "no thread borrows a context in this JVM (JDK 17, -Dstm4j.lendContexts=virtual)");
    }

    /** The test: 1,000 threads ran a block, a write and a read outside one, and now wait; none holds a context. */
    @Test
    void parkedThreadsHoldNoContext() throws Exception {
        int threads = 1_000;
        TVar<Integer> counter = new TVar<>(0);
        CountDownLatch ran = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        int createdBefore = Contexts.created();
        List<Thread> all = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            TVar<Integer> own = new TVar<>(0);
            all.add(start(() -> {
                Stm.atomic(() -> counter.set(counter.get() + 1));
                own.set(own.get() + 1);
                assertFalse(Stm.inTransaction());
                ran.countDown();
                Waits.await(release);
            }));
        }
        assertTrue(ran.await(60, TimeUnit.SECONDS));
        int made = Contexts.created() - createdBefore;
        for (Thread t : all) {
            assertNull(Contexts.boundTo(t), t + " holds a context while it waits outside any block");
        }
        release.countDown();
        for (Thread t : all) {
            t.join();
        }
        assertEquals(threads, (int) counter.get());
        assertTrue(made < threads / 4, made + " contexts made for " + threads + " threads that ran one block each");
        assertTrue(Contexts.idle() >= 1, "the contexts went back to the pool");
    }

    @Test
    void aThreadWaitingInRetryHoldsItsContextUntilItsBlockEnds() throws Exception {
        TVar<Boolean> go = new TVar<>(false);
        CountDownLatch committed = new CountDownLatch(1);
        CountDownLatch exit = new CountDownLatch(1);
        AtomicReference<TxnContext> inBlock = new AtomicReference<>();
        Thread waiter = start(() -> {
            Stm.atomic(() -> {
                inBlock.set(TxnContext.current());
                if (!go.get()) {
                    Stm.retry();
                }
            });
            committed.countDown();
            Waits.await(exit);
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Contexts.boundTo(waiter) != null && waiterParked(waiter)) && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertSame(inBlock.get(), Contexts.boundTo(waiter), "a block waiting in retry keeps its context");
        go.set(true);
        assertTrue(committed.await(30, TimeUnit.SECONDS));
        assertNull(Contexts.boundTo(waiter), "given back when the block committed");
        exit.countDown();
        waiter.join();
    }

    @Test
    void aBlockThatThrowsAndCallsOutsideABlockLeaveNothingBound() throws Exception {
        TVar<Integer> v = new TVar<>(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch exit = new CountDownLatch(1);
        Thread t = start(() -> {
            try {
                assertThrows(IllegalArgumentException.class, () -> Stm.atomic(() -> {
                    v.set(5);
                    throw new IllegalArgumentException("boom");
                }));
                assertEquals(0, (int) v.get(), "the throwing block's write was undone");
                assertThrows(IllegalStateException.class, Stm::retry);
                assertThrows(IllegalStateException.class, () -> Stm.afterCommit(() -> { }));
                assertThrows(IllegalStateException.class, Stm::becomeIrrevocable);
                assertFalse(Stm.isIrrevocable());
                assertEquals("x", Stm.orElse(() -> "x", () -> "y"));
                Integer got = Stm.atomic(() -> v.get()); // a block whose hooks run blocks of their own
                Stm.atomic(() -> {
                    Stm.afterCommit(() -> Stm.atomic(() -> v.set(v.get() + 1)));
                    v.set(v.get() + 1);
                });
                assertEquals(got + 2, (int) v.get());
                assertNull(TxnContext.leftoversOfCurrentThread());
            } catch (Throwable e) {
                failure.set(e);
            }
            done.countDown();
            Waits.await(exit);
        });
        assertTrue(done.await(30, TimeUnit.SECONDS));
        try {
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            assertNull(Contexts.boundTo(t), "nothing bound after a thrown block, outside calls and nested hooks");
        } finally {
            exit.countDown();
            t.join();
        }
    }

    /**
     * More threads in blocks at once than the table has entries, so their ids collide and some lent
     * contexts live in the overflow map: every lookup in a block finds the block's own context, never
     * another thread's.
     */
    @Test
    void blocksRunningTogetherNeverShareAContext() throws Exception {
        int threads = 4096 + 300;
        CountDownLatch allIn = new CountDownLatch(threads);
        Map<TxnContext, Thread> seen = new ConcurrentHashMap<>();
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger committed = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            TVar<Integer> own = new TVar<>(0); // no conflicts: each block commits first time
            all.add(start(() -> Stm.atomic(() -> {
                TxnContext mine = TxnContext.current();
                if (allIn.getCount() > 0) { // first attempt: wait until every thread is inside a block
                    Thread other = seen.putIfAbsent(mine, Thread.currentThread());
                    if (other != null && other != Thread.currentThread()) {
                        wrong.incrementAndGet();
                    }
                    allIn.countDown();
                    Waits.await(allIn);
                }
                if (TxnContext.current() != mine || mine == TxnContext.OUTSIDE) {
                    wrong.incrementAndGet();
                }
                own.set(own.get() + 1);
                Stm.afterCommit(committed::incrementAndGet);
            })));
        }
        for (Thread t : all) {
            t.join();
        }
        assertEquals(0, wrong.get(), "a block saw another thread's context, or its own changed");
        assertEquals(threads, committed.get());
        assertEquals(threads, seen.size(), "one context per block running at once");
    }

    @Test
    void statisticsStayExactAcrossLentContexts() throws Exception {
        int threads = 200;
        int blocks = 50;
        TVar<Integer> shared = new TVar<>(0);
        StmStats before = Stm.stats();
        List<Thread> all = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            TVar<Integer> own = new TVar<>(0);
            all.add(start(() -> {
                for (int b = 0; b < blocks; b++) {
                    Stm.atomic(() -> shared.set(shared.get() + 1));
                    Stm.atomic(() -> own.get());
                }
                own.set(1); // a write outside a block counts as an update commit
            }));
        }
        for (Thread t : all) {
            t.join();
        }
        StmStats after = Stm.stats();
        assertEquals(threads * blocks, (int) shared.get());
        assertEquals((long) threads * (2 * blocks + 1), after.commits() - before.commits(),
                "every block and outside write counted once, whichever context it borrowed");
        assertEquals((long) threads * blocks, after.readOnlyCommits() - before.readOnlyCommits());
    }

    /** A bank where every transfer and audit runs on a thread of its own: money conserved, nothing lost. */
    @Test
    void moneyIsConservedWhenEveryTransferRunsOnANewThread() throws Exception {
        int accounts = 16;
        int requests = 4_000;
        List<TVar<Integer>> balance = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            balance.add(new TVar<>(1_000));
        }
        TVar<Integer> transfers = new TVar<>(0);
        AtomicInteger badAudits = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        for (int r = 0; r < requests; r++) {
            boolean audit = r % 10 == 0;
            all.add(start(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                if (audit) {
                    int total = Stm.atomic(() -> {
                        int s = 0;
                        for (TVar<Integer> b : balance) {
                            s += b.get();
                        }
                        return s;
                    });
                    if (total != accounts * 1_000) {
                        badAudits.incrementAndGet();
                    }
                    return;
                }
                TVar<Integer> from = balance.get(rnd.nextInt(accounts));
                TVar<Integer> to = balance.get(rnd.nextInt(accounts));
                int amount = rnd.nextInt(1, 50);
                Stm.atomic(() -> {
                    from.set(from.get() - amount);
                    to.set(to.get() + amount);
                    transfers.set(transfers.get() + 1);
                });
            }));
        }
        for (Thread t : all) {
            t.join();
        }
        int total = 0;
        for (TVar<Integer> b : balance) {
            total += b.get();
        }
        assertEquals(accounts * 1_000, total, "money conserved");
        assertEquals(requests - requests / 10, (int) transfers.get(), "no transfer lost or repeated");
        assertEquals(0, badAudits.get(), "an audit saw money in flight");
    }

    /** The face's {@code Txn.run} outside a transaction: started on a lent context, which it hands back. */
    @Test
    void theFacesRunOutsideATransactionBorrowsAndGivesBack() throws Exception {
        TVar<Integer> v = new TVar<>(1);
        AtomicReference<Object> seenTx = new AtomicReference<>();
        AtomicReference<Object> result = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch exit = new CountDownLatch(1);
        Thread t = start(() -> {
            assertSame(TxnContext.OUTSIDE, Txn.current(), "outside a block a borrowing thread holds none");
            result.set(Txn.run(v, 41, (TVar<Integer> self, Txn tx, Integer add) -> {
                seenTx.set(tx);
                int now = (Integer) tx.read(self) + add;
                tx.write(self, now);
                return now;
            }));
            done.countDown();
            Waits.await(exit);
        });
        assertTrue(done.await(30, TimeUnit.SECONDS));
        try {
            assertEquals(42, result.get());
            assertEquals(42, (int) v.get());
            assertNotNull(seenTx.get());
            assertFalse(seenTx.get() == TxnContext.OUTSIDE, "the body ran on a lent context");
            assertNull(Contexts.boundTo(t));
        } finally {
            exit.countDown();
            t.join();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** A started thread of the kind that borrows here: virtual if virtual threads borrow, else platform. */
    private static Thread start(Runnable task) {
        try {
            Thread t;
            if (virtualBorrows) {
                t = (Thread) UNSTARTED.invoke(OF_VIRTUAL.invoke(null), task);
            } else {
                t = new Thread(task);
            }
            t.start();
            return t;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean borrowingThreadsExist() {
        return Contexts.lendsTo(Thread.currentThread()) || virtualBorrows;
    }

    private static boolean virtualThreadsBorrow() {
        AtomicReference<Boolean> borrows = new AtomicReference<>();
        try {
            Thread t = (Thread) UNSTARTED.invoke(OF_VIRTUAL.invoke(null),
                    (Runnable) () -> borrows.set(Contexts.lendsTo(Thread.currentThread())));
            t.start();
            t.join();
        } catch (ReflectiveOperationException | InterruptedException e) {
            throw new AssertionError(e);
        }
        return borrows.get();
    }

    /** A public method, or null if this JDK lacks it (virtual threads: JDK 21+). */
    private static Method method(Class<?> type, String name, Class<?>... parameters) {
        try {
            return type.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static boolean waiterParked(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }
}
