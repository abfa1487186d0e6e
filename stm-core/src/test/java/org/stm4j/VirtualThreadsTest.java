package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;
import static org.stm4j.Stm.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The STM from virtual threads (JDK 21+; skipped on older JDKs). The module is compiled for release
 * 17, so virtual threads are created reflectively.
 */
@Timeout(60)
class VirtualThreadsTest {

    @BeforeEach
    void requireVirtualThreads() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
    }

    private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static Thread startVirtualThread(Runnable task) throws ReflectiveOperationException {
        return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
    }

    private static boolean isVirtual(Thread t) {
        try {
            return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    private static void shutdown(ExecutorService executor) throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(20, TimeUnit.SECONDS), "virtual threads did not finish");
    }

    private static void awaitAll(List<Future<?>> futures) throws Exception {
        for (Future<?> f : futures) {
            try {
                f.get(50, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("a virtual thread failed", e.getCause());
            }
        }
    }

    @Test
    void thousandVirtualThreadsTransferAndBlockInRetry() throws Exception {
        int accounts = 16;
        int initial = 1_000;
        List<TVar<Integer>> acct = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            acct.add(new TVar<>(initial));
        }
        int capacity = 4;
        int pairs = 100;
        int itemsEach = 10;
        TVar<List<Integer>> buffer = new TVar<>(List.of());
        AtomicLong consumedSum = new AtomicLong();
        AtomicLong consumedCount = new AtomicLong();
        AtomicBoolean allVirtual = new AtomicBoolean(true);
        List<Future<?>> futures = new ArrayList<>();
        ExecutorService vts = newVirtualThreadPerTaskExecutor();
        try {
            // consumers first: they block in retry on an empty buffer; if blocking pinned the carrier
            // threads, the producers submitted after them could never run
            for (int c = 0; c < pairs; c++) {
                futures.add(vts.submit(() -> {
                    if (!isVirtual(Thread.currentThread())) {
                        allVirtual.set(false);
                    }
                    for (int i = 0; i < itemsEach; i++) {
                        int item = atomic(() -> {
                            List<Integer> b = buffer.get();
                            if (b.isEmpty()) {
                                retry();
                            }
                            buffer.set(List.copyOf(b.subList(1, b.size())));
                            return b.get(0);
                        });
                        consumedSum.addAndGet(item);
                        consumedCount.incrementAndGet();
                    }
                }));
            }
            int transferThreads = 1_000 - 2 * pairs;
            for (int t = 0; t < transferThreads; t++) {
                futures.add(vts.submit(() -> {
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    for (int i = 0; i < 20; i++) {
                        TVar<Integer> from = acct.get(rnd.nextInt(accounts));
                        TVar<Integer> to = acct.get(rnd.nextInt(accounts));
                        int amount = rnd.nextInt(1, 20);
                        atomic(() -> {
                            from.set(from.get() - amount);
                            to.set(to.get() + amount);
                        });
                        if (i % 5 == 0) {
                            int sum = atomic(() -> {
                                int s = 0;
                                for (TVar<Integer> a : acct) {
                                    s += a.get();
                                }
                                return s;
                            });
                            if (sum != accounts * initial) {
                                throw new IllegalStateException("sum " + sum);
                            }
                        }
                    }
                }));
            }
            for (int p = 0; p < pairs; p++) {
                int base = p * itemsEach;
                futures.add(vts.submit(() -> {
                    for (int i = 1; i <= itemsEach; i++) {
                        int item = base + i;
                        atomic(() -> {
                            List<Integer> b = buffer.get();
                            if (b.size() >= capacity) {
                                retry();
                            }
                            List<Integer> n = new ArrayList<>(b);
                            n.add(item);
                            buffer.set(List.copyOf(n));
                        });
                    }
                }));
            }
            assertEquals(1_000, futures.size());
            awaitAll(futures);
        } finally {
            shutdown(vts);
        }
        assertTrue(allVirtual.get());
        int sum = 0;
        for (TVar<Integer> a : acct) {
            sum += a.get();
        }
        assertEquals(accounts * initial, sum, "money is conserved");
        long n = (long) pairs * itemsEach;
        assertEquals(n, consumedCount.get());
        assertEquals(n * (n + 1) / 2, consumedSum.get(), "every item consumed exactly once");
        assertTrue(buffer.get().isEmpty());
    }

    @Test
    void interruptingAVirtualThreadWaitingInRetry() throws Exception {
        TVar<Integer> flag = new TVar<>(0);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptedAfter = new AtomicBoolean();
        Thread vt = startVirtualThread(() -> {
            try {
                atomic(() -> {
                    if (flag.get() == 0) {
                        retry();
                    }
                });
            } catch (Throwable t) {
                thrown.set(t);
                interruptedAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        TestSupport.waitUntilParked(vt);
        vt.interrupt();
        TestSupport.joinUninterruptibly(vt, 10_000);
        assertInstanceOf(RetryInterruptedException.class, thrown.get());
        assertTrue(interruptedAfter.get());
    }

    @Test
    void irrevocableTransactionsFromVirtualThreads() throws Exception {
        TVar<Integer> x = new TVar<>(0);
        AtomicLong sideEffects = new AtomicLong();
        List<Future<?>> futures = new ArrayList<>();
        ExecutorService vts = newVirtualThreadPerTaskExecutor();
        try {
            for (int t = 0; t < 200; t++) {
                Callable<Integer> task = () -> atomic(() -> {
                    int v = x.get();
                    Stm.becomeIrrevocable();
                    sideEffects.incrementAndGet();
                    x.set(v + 1);
                    return v;
                });
                futures.add(vts.submit(task));
            }
            awaitAll(futures);
        } finally {
            shutdown(vts);
        }
        assertEquals(200, x.get());
        assertEquals(200, sideEffects.get());
    }
}
