package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.stm4j.Stm.atomic;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.access.Deferred;
import org.stm4j.access.Txn;

/** Deferred (commutative) writes: resolved at commit against the then-committed value, never read-logged. */
class DeferredWriteTest {

    /** Adds {@code delta} to a Long at commit. */
    private record Add(long delta) implements Deferred {
        @Override
        public Object peek(Object committed) {
            return (Long) committed + delta;
        }

        @Override
        public Object resolve(Object committed, Txn committing) {
            return (Long) committed + delta;
        }
    }

    private static void add(TVar<Long> v, long d) {
        TxnContext tx = TxnContext.current();
        Object pending = tx.pendingWrite(v);
        tx.writeDeferred(v, new Add(pending instanceof Add ? ((Add) pending).delta() + d : d));
    }

    @Test
    void resolvedAtCommitAndVisibleToTheWriterThroughPeek() {
        TVar<Long> v = new TVar<>(10L);
        long seen = atomic(() -> {
            add(v, 5);
            add(v, 2);
            return v.get();
        });
        assertEquals(17L, seen);
        assertEquals(17L, v.get());
    }

    @Test
    void twoDeferredWritersOfOneTVarDoNotConflict() throws Exception {
        TVar<Long> v = new TVar<>(0L);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        Thread a = new Thread(() -> atomic(() -> {
            runs.incrementAndGet();
            add(v, 1);
            inside.countDown();
            await(otherCommitted);
        }));
        a.start();
        inside.await();
        atomic(() -> add(v, 100)); // commits while a's deferred write is pending
        otherCommitted.countDown();
        a.join();
        assertEquals(1, runs.get(), "a deferred write must not put the TVar in the read set");
        assertEquals(101L, v.get());
    }

    @Test
    void aReadAfterADeferredWriteDoesConflict() throws Exception {
        TVar<Long> v = new TVar<>(0L);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        Thread a = new Thread(() -> atomic(() -> {
            add(v, 1);
            v.get(); // reading makes it an ordinary dependency
            if (runs.incrementAndGet() == 1) {
                inside.countDown();
                await(otherCommitted);
            }
        }));
        a.start();
        inside.await();
        atomic(() -> add(v, 100));
        otherCommitted.countDown();
        a.join();
        assertEquals(2, runs.get());
        assertEquals(101L, v.get());
    }

    @Test
    void nestedRollbackRestoresTheEarlierDeferredValue() {
        TVar<Long> v = new TVar<>(0L);
        TVar<Boolean> never = new TVar<>(false);
        atomic(() -> {
            add(v, 1);
            Stm.orElse(() -> {
                add(v, 10);
                if (!never.get()) {
                    Stm.retry();
                }
                return null;
            }, () -> null);
        });
        assertEquals(1L, v.get());
    }

    @Test
    void pendingWriteAndMisuse() {
        TVar<Long> v = new TVar<>(0L);
        assertThrows(IllegalStateException.class, () -> TxnContext.current().writeDeferred(v, new Add(1)));
        atomic(() -> {
            assertSame(TxnContext.NO_WRITE, TxnContext.current().pendingWrite(v));
            v.set(3L);
            assertEquals(3L, TxnContext.current().pendingWrite(v));
        });
    }

    private static void await(CountDownLatch l) {
        try {
            l.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
