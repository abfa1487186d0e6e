package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;
import org.stm4j.access.Txn;
import org.stm4j.testkit.Waits;

/**
 * {@link Txn#updateNow}: a read-modify-write of one TVar outside a transaction, as one atomic step
 * serializable with transactions — no update lost against other updates or against transactions,
 * a transaction that read the TVar before it fails validation, waiters are woken, and an update that
 * throws, declines or needs a transaction changes nothing and holds nothing.
 */
class UpdateNowTest {

    private static final Txn.Update INCREMENT = (current, a, b) -> (Integer) current + 1;

    @Test
    void updatesAndTransactionsTogetherLoseNoIncrement() throws Exception {
        TVar<Integer> v = new TVar<>(0);
        int threads = 4;
        int each = 20_000;
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean transactional = t % 2 == 0;
            Thread th = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    if (transactional) {
                        atomic(() -> v.set(v.get() + 1));
                    } else {
                        Txn.current().updateNow(v, INCREMENT, null, null);
                    }
                }
            });
            th.start();
            all.add(th);
        }
        for (Thread th : all) {
            th.join();
        }
        assertEquals(threads * each, (int) v.get(), "an increment was lost");
    }

    @Test
    void aTransactionThatReadTheTVarBeforeTheUpdateFailsValidation() {
        TVar<Integer> v = new TVar<>(0);
        TVar<Integer> copy = new TVar<>(-1);
        int[] attempts = {0};
        atomic(() -> {
            int seen = v.get();
            if (attempts[0]++ == 0) {
                Thread other = new Thread(() -> Txn.current().updateNow(v, INCREMENT, null, null));
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            copy.set(seen);
        });
        assertEquals(2, attempts[0], "the first attempt committed a stale read");
        assertEquals(1, (int) copy.get());
    }

    @Test
    void anUpdateWakesAWaiterInRetry() throws Exception {
        TVar<Integer> v = new TVar<>(0);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicBoolean woke = new AtomicBoolean();
        Thread waiter = new Thread(() -> {
            atomic(() -> {
                if (v.get() == 0) {
                    waiting.countDown();
                    Stm.retry();
                }
            });
            woke.set(true);
        });
        waiter.start();
        Waits.await(waiting);
        Thread.sleep(20); // let it park
        Txn.current().updateNow(v, INCREMENT, null, null);
        waiter.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(woke.get(), "the waiter was not woken by the update");
    }

    @Test
    void declinedThrowingAndDeferredUpdatesChangeNothing() {
        TVar<Integer> v = new TVar<>(7);
        long word = (long) Cells.META.getVolatile(v);
        StmStats before = Stm.stats();
        assertEquals(7, Txn.current().updateNow(v, (c, a, b) -> Txn.NO_WRITE, null, null));
        assertSame(Txn.NEEDS_TRANSACTION, Txn.current().updateNow(v, (c, a, b) -> Txn.NEEDS_TRANSACTION, null, null));
        assertThrows(ArithmeticException.class,
                () -> Txn.current().updateNow(v, (c, a, b) -> 1 / ((Integer) c - 7), null, null));
        assertEquals(word, (long) Cells.META.getVolatile(v), "the TVar's version changed");
        assertEquals(7, (int) v.get());
        assertNull(TxnContext.leftoversOfCurrentThread());
        StmStats during = Stm.stats().minus(before);
        assertEquals(1, during.readOnlyCommits(), "a declined update is a read");

        assertEquals(7, Txn.current().updateNow(v, (c, a, b) -> (Integer) c + (Integer) a, 3, null));
        assertEquals(10, (int) v.get());
        StmStats after = Stm.stats().minus(before);
        assertEquals(2, after.commits(), "the declined update and this one");
        assertEquals(1, after.readOnlyCommits());
    }

    @Test
    void insideATransactionItIsRefused() {
        TVar<Integer> v = new TVar<>(0);
        assertThrows(IllegalStateException.class,
                () -> atomic(() -> Txn.current().updateNow(v, INCREMENT, null, null)));
        assertEquals(0, (int) v.get());
    }
}
