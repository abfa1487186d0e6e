package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;
import static org.stm4j.Stm.becomeIrrevocable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Irrevocable transactions: run once, commit, and do not stop unrelated transactions. */
@Timeout(60)
class IrrevocableTest {

    private static final TxnConfig IRREVOCABLE = TxnConfig.builder().irrevocable(true).build();

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(20, TimeUnit.SECONDS), "latch not released");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void becomeIrrevocableOutsideATransactionThrows() {
        assertThrows(IllegalStateException.class, Stm::becomeIrrevocable);
        assertFalse(Stm.isIrrevocable());
    }

    @Test
    void isIrrevocable() {
        assertFalse(Stm.isIrrevocable());
        List<Boolean> seen = new ArrayList<>();
        TVar<Integer> x = new TVar<>(0);
        atomic(() -> {
            seen.add(Stm.isIrrevocable());
            x.set(x.get() + 1);
            becomeIrrevocable();
            seen.add(Stm.isIrrevocable());
            becomeIrrevocable(); // idempotent
            seen.add(Stm.isIrrevocable());
            Stm.afterCommit(() -> seen.add(Stm.isIrrevocable()));
        });
        assertEquals(List.of(false, true, true, false), seen);
        assertFalse(Stm.isIrrevocable());
        assertEquals(1, x.get());
        boolean fromConfig = atomic(IRREVOCABLE, () -> Stm.isIrrevocable());
        assertTrue(fromConfig);
        assertFalse(Stm.isIrrevocable());
    }

    @Test
    void codeAfterBecomeIrrevocableRunsExactlyOnceUnderContention() throws Exception {
        int threads = 4;
        int blocksPerThread = 300;
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> b = new TVar<>(0);
        AtomicInteger sideEffects = new AtomicInteger();
        AtomicInteger irrevocableBlocks = new AtomicInteger();
        AtomicBoolean hammering = new AtomicBoolean(true);
        // one thread hammers the same TVars with ordinary transactions all along
        FutureTask<Integer> hammer = TestSupport.startThread("hammer", () -> {
            int n = 0;
            while (hammering.get()) {
                atomic(() -> {
                    a.set(a.get() + 1);
                    b.set(b.get() - 1);
                });
                n++;
            }
            return n;
        });
        List<FutureTask<Boolean>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(TestSupport.startThread("irrevocable-" + t, () -> {
                for (int i = 0; i < blocksPerThread; i++) {
                    if (ThreadLocalRandom.current().nextBoolean()) {
                        irrevocableBlocks.incrementAndGet(); // counted outside the block: once per block
                        atomic(() -> {
                            int va = a.get();
                            becomeIrrevocable();
                            sideEffects.incrementAndGet(); // "I/O": must not be repeated
                            a.set(va + 1);
                            b.set(b.get() - 1);
                        });
                    } else {
                        atomic(() -> {
                            a.set(a.get() + 1);
                            b.set(b.get() - 1);
                        });
                    }
                }
                return true;
            }));
        }
        for (FutureTask<Boolean> w : workers) {
            assertTrue(TestSupport.await(w, 50_000));
        }
        hammering.set(false);
        int hammered = TestSupport.await(hammer, 20_000);
        assertTrue(irrevocableBlocks.get() > 0);
        assertEquals(irrevocableBlocks.get(), sideEffects.get(), "side effects == irrevocable blocks");
        assertEquals(threads * blocksPerThread + hammered, a.get(), "no lost update");
        assertEquals(0, a.get() + b.get(), "invariant a + b == 0");
    }

    @Test
    void sideEffectsAfterBecomeIrrevocableEqualTheNumberOfBlocks() throws Exception {
        // every block becomes irrevocable; several threads contend on the same TVars
        int threads = 3;
        int blocksPerThread = 200;
        TVar<Integer> counter = new TVar<>(0);
        AtomicInteger sideEffects = new AtomicInteger();
        AtomicInteger beforeCalls = new AtomicInteger();
        List<FutureTask<Boolean>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(TestSupport.startThread("w" + t, () -> {
                for (int i = 0; i < blocksPerThread; i++) {
                    atomic(() -> {
                        beforeCalls.incrementAndGet();
                        int v = counter.get();
                        becomeIrrevocable();
                        sideEffects.incrementAndGet();
                        counter.set(v + 1);
                    });
                }
                return true;
            }));
        }
        for (FutureTask<Boolean> w : workers) {
            assertTrue(TestSupport.await(w, 50_000));
        }
        assertEquals(threads * blocksPerThread, sideEffects.get());
        assertEquals(threads * blocksPerThread, counter.get());
        assertTrue(beforeCalls.get() >= sideEffects.get(), "code before becomeIrrevocable may run again");
    }

    @Test
    void irrevocableConfigRunsTheBlockOnceEvenUnderContention() throws Exception {
        TVar<Integer> x = new TVar<>(0);
        AtomicBoolean hammering = new AtomicBoolean(true);
        FutureTask<Integer> hammer = TestSupport.startThread("hammer", () -> {
            int n = 0;
            while (hammering.get()) {
                atomic(() -> x.set(x.get() + 1));
                n++;
            }
            return n;
        });
        AtomicInteger invocations = new AtomicInteger();
        int blocks = 200;
        for (int i = 0; i < blocks; i++) {
            atomic(IRREVOCABLE, () -> {
                invocations.incrementAndGet();
                assertTrue(Stm.isIrrevocable());
                int v = x.get();
                Thread.onSpinWait();
                x.set(v + 1000);
            });
        }
        hammering.set(false);
        int hammered = TestSupport.await(hammer, 20_000);
        assertEquals(blocks, invocations.get());
        assertEquals(blocks * 1000 + hammered, x.get());
    }

    @Test
    void retryInsideAnIrrevocableTransactionThrows() {
        TVar<Integer> x = new TVar<>(0);
        assertThrows(IllegalStateException.class, () -> atomic(IRREVOCABLE, () -> {
            x.set(x.get() + 1);
            Stm.retry();
        }));
        assertEquals(0, x.get());
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            x.set(x.get() + 1);
            becomeIrrevocable();
            Stm.retry();
        }));
        assertEquals(0, x.get());
        assertFalse(Stm.isIrrevocable());
        // the irrevocability token was given back: another thread can become irrevocable
        FutureTask<Boolean> other = TestSupport.startThread("other", () -> atomic(IRREVOCABLE, () -> {
            x.set(7);
            return Stm.isIrrevocable();
        }));
        assertTrue(TestSupport.await(other, 10_000));
        assertEquals(7, x.get());
    }

    @Test
    void exceptionAfterBecomeIrrevocablePropagatesAndReleasesTheToken() {
        TVar<Integer> x = new TVar<>(0);
        IllegalStateException boom = new IllegalStateException("after becoming irrevocable");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> atomic(() -> {
            x.set(1);
            becomeIrrevocable();
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(0, x.get(), "an irrevocable block that throws still has its writes discarded");
        FutureTask<Boolean> other = TestSupport.startThread("other", () -> atomic(IRREVOCABLE, () -> {
            x.set(2);
            return true;
        }));
        assertTrue(TestSupport.await(other, 10_000));
        assertEquals(2, x.get());
    }

    @Test
    void longIrrevocableTransactionDoesNotStopUnrelatedTransactions() throws Exception {
        TVar<Integer> readByIrrevocable = new TVar<>(0);
        TVar<Integer> writtenByIrrevocable = new TVar<>(0);
        TVar<Integer> c = new TVar<>(0);
        TVar<Integer> d = new TVar<>(0);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Boolean> longOne = TestSupport.startThread("long-irrevocable", () -> {
            atomic(() -> {
                int v = readByIrrevocable.get();
                becomeIrrevocable();
                entered.countDown();
                await(release);
                writtenByIrrevocable.set(v + 1);
            });
            return true;
        });
        await(entered);
        try {
            FutureTask<Integer> others = TestSupport.startThread("others", () -> {
                int n = 0;
                for (int i = 0; i < 200; i++) {
                    int sum = atomic(() -> c.get() + d.get()); // read-only, other TVars
                    assertEquals(2 * i, sum);
                    atomic(() -> {
                        c.set(c.get() + 1); // updates of TVars it did not read
                        d.set(d.get() + 1);
                    });
                    // reading what the irrevocable transaction read, or will write, is fine too
                    n += atomic(() -> readByIrrevocable.get() + writtenByIrrevocable.get());
                    writtenByIrrevocable.get();
                }
                return n;
            });
            assertEquals(0, TestSupport.await(others, 20_000));
            assertEquals(200, c.get());
            assertFalse(longOne.isDone(), "the irrevocable transaction is still running");
        } finally {
            release.countDown();
        }
        assertTrue(TestSupport.await(longOne, 20_000));
        assertEquals(1, writtenByIrrevocable.get());
    }

    @Test
    void writerOfATVarTheIrrevocableTransactionReadWaitsForIt() throws Exception {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FutureTask<Boolean> longOne = TestSupport.startThread("long-irrevocable", () -> {
            atomic(() -> {
                int v = x.get();
                becomeIrrevocable();
                entered.countDown();
                await(release);
                y.set(v + 1);
            });
            return true;
        });
        await(entered);
        FutureTask<Integer> writer;
        try {
            writer = TestSupport.startThread("writer", () -> atomic(() -> {
                x.set(x.get() + 10);
                return x.get();
            }));
            TestSupport.sleep(150);
            assertFalse(writer.isDone(), "overwriting a TVar the irrevocable transaction read must wait");
            assertEquals(0, x.get());
        } finally {
            release.countDown();
        }
        assertTrue(TestSupport.await(longOne, 20_000));
        assertEquals(10, TestSupport.await(writer, 20_000));
        assertEquals(1, y.get(), "the irrevocable transaction's read stayed valid until its commit");
    }

    @Test
    void irrevocableBlocksFromManyThreadsAllCommit() throws Exception {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        List<FutureTask<Boolean>> workers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            workers.add(TestSupport.startThread("w" + t, () -> {
                for (int i = 0; i < 200; i++) {
                    atomic(IRREVOCABLE, () -> {
                        runs.incrementAndGet();
                        x.set(x.get() + 1);
                    });
                }
                return true;
            }));
        }
        for (FutureTask<Boolean> w : workers) {
            assertTrue(TestSupport.await(w, 30_000));
        }
        assertEquals(600, runs.get());
        assertEquals(600, x.get());
    }
    /** Runs {@code whileHeld} while another thread runs an irrevocable transaction (holding the token). */
    private static void whileAnotherThreadIsIrrevocable(Runnable whileHeld) {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TVar<Integer> own = new TVar<>(0);
        FutureTask<Boolean> holder = TestSupport.startThread("token-holder", () -> {
            atomic(IRREVOCABLE, () -> {
                own.set(own.get() + 1);
                entered.countDown();
                await(release);
            });
            return true;
        });
        await(entered);
        try {
            whileHeld.run();
        } finally {
            release.countDown();
        }
        assertTrue(TestSupport.await(holder, 20_000));
        assertEquals(1, own.get());
    }

    @Test
    void interruptWhileWaitingToBecomeIrrevocable() {
        TVar<Integer> x = new TVar<>(0);
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        whileAnotherThreadIsIrrevocable(() -> {
            FutureTask<Throwable> f = new FutureTask<>(() -> {
                try {
                    atomic(IRREVOCABLE, () -> x.set(1));
                    return null;
                } catch (RetryInterruptedException e) {
                    interruptedAfter.set(Thread.currentThread().isInterrupted());
                    Thread.interrupted();
                    return e;
                }
            });
            Thread waiter = new Thread(f, "token-waiter");
            waiter.setDaemon(true);
            waiter.start();
            TestSupport.waitUntilParked(waiter);
            waiter.interrupt();
            assertInstanceOf(RetryInterruptedException.class, TestSupport.await(f, 10_000));
            assertTrue(interruptedAfter.get());
            assertEquals(0, x.get());
        });
        // the token is free again, and the interrupted thread's failure left nothing behind
        atomic(IRREVOCABLE, () -> x.set(2));
        assertEquals(2, x.get());
    }

    @Test
    void timeoutWhileWaitingToBecomeIrrevocable() {
        TVar<Integer> x = new TVar<>(0);
        TxnConfig withTimeout = TxnConfig.builder().timeout(Duration.ofMillis(100)).build();
        whileAnotherThreadIsIrrevocable(() -> {
            FutureTask<Long> f = TestSupport.startThread("token-waiter", () -> {
                long start = System.nanoTime();
                assertThrows(TransactionTimeoutException.class, () -> atomic(withTimeout, () -> {
                    x.set(x.get() + 1);
                    becomeIrrevocable();
                }));
                return (System.nanoTime() - start) / 1_000_000;
            });
            long ms = TestSupport.await(f, 10_000);
            assertTrue(ms >= 100 && ms < 5_000, ms + " ms");
        });
        assertEquals(0, x.get());
    }
}
