package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Uses only the stm-core names the SPEC lists (TVar, Stm.atomic both overloads, retry, orElse,
 * afterCommit, afterAbort, becomeIrrevocable, inTransaction), each once in a typical way, as an
 * outside test suite would.
 */
@Timeout(30)
class SpecOnlyTest {

    @Test
    void tvarGetSetAndNull() {
        TVar<String> v = new TVar<>("a");
        assertEquals("a", v.get());
        v.set(null);
        assertNull(v.get());
    }

    @Test
    void atomicWithoutAndWithResult() {
        TVar<Integer> from = new TVar<>(100);
        TVar<Integer> to = new TVar<>(0);
        atomic(() -> {
            from.set(from.get() - 10);
            to.set(to.get() + 10);
        });
        int total = atomic(() -> from.get() + to.get());
        assertEquals(100, total);
        assertEquals(90, from.get());
    }

    @Test
    void exceptionAbortsAndPropagatesUnchanged() {
        TVar<Integer> x = new TVar<>(0);
        RuntimeException boom = new RuntimeException();
        assertSame(boom, assertThrows(RuntimeException.class, () -> atomic(() -> {
            x.set(1);
            throw boom;
        })));
        assertEquals(0, x.get());
    }

    @Test
    void retryWaitsForAChange() throws Exception {
        TVar<Integer> box = new TVar<>(null);
        AtomicReference<Integer> taken = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread consumer = new Thread(() -> {
            taken.set(atomic(() -> {
                Integer v = box.get();
                if (v == null) {
                    Stm.retry();
                }
                box.set(null);
                return v;
            }));
            done.countDown();
        });
        consumer.start();
        assertFalse(done.await(50, TimeUnit.MILLISECONDS), "the consumer must wait for an item");
        atomic(() -> box.set(42));
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(42, taken.get());
        assertNull(box.get());
        consumer.join(10_000);
    }

    @Test
    void orElseTakesTheSecondBranchWhenTheFirstRetries() {
        TVar<Integer> empty = new TVar<>(0);
        TVar<Integer> full = new TVar<>(5);
        int got = atomic(() -> Stm.orElse(() -> {
            if (empty.get() == 0) {
                Stm.retry();
            }
            return empty.get();
        }, () -> full.get()));
        assertEquals(5, got);
    }

    @Test
    void afterCommitAndAfterAbort() {
        TVar<Integer> x = new TVar<>(0);
        List<String> log = new ArrayList<>();
        atomic(() -> {
            x.set(1);
            Stm.afterCommit(() -> log.add("committed " + x.get() + " inTransaction=" + Stm.inTransaction()));
        });
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            Stm.afterAbort(() -> log.add("aborted"));
            throw new IllegalStateException();
        }));
        assertEquals(List.of("committed 1 inTransaction=false", "aborted"), log);
    }

    @Test
    void becomeIrrevocableRunsTheRestOnce() {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger io = new AtomicInteger();
        atomic(() -> {
            x.set(x.get() + 1);
            Stm.becomeIrrevocable();
            io.incrementAndGet();
        });
        assertEquals(1, io.get());
        assertEquals(1, x.get());
    }

    @Test
    void inTransaction() {
        assertFalse(Stm.inTransaction());
        assertTrue(atomic(() -> Stm.inTransaction()));
        atomic(() -> assertTrue(Stm.inTransaction()));
    }

    @Test
    void nestedAtomicJoins() {
        TVar<Integer> x = new TVar<>(0);
        atomic(() -> {
            x.set(1);
            atomic(() -> x.set(x.get() + 1));
        });
        assertEquals(2, x.get());
    }
}
