package org.stm4j.collections.granularity;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.stm4j.Stm;
import org.stm4j.StmStats;

/**
 * Runs a few workers started together and returns the {@link Stm#stats()} difference over the
 * run, for the statistical granularity tests. The workers are kept alive until the difference is
 * taken (the per-thread counters of a dead thread may be missing for a moment), and a worker's
 * failure fails the run. The transaction count of these tests is the shared kit's
 * {@link org.stm4j.testkit.Stress#size()} (20 000 by default, 10<sup>7</sup> under {@code -Pstress}).
 */
final class Together {

    private static final long WAIT_SECONDS = 600;

    /** The body of worker {@code index}. */
    @FunctionalInterface
    interface Worker {
        void run(int index) throws Exception;
    }

    private Together() {
    }

    /** Runs {@code threads} workers together; returns the statistics difference over the run. */
    static StmStats run(int threads, Worker worker) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        CyclicBarrier done = new CyclicBarrier(threads + 1);
        List<Thread> ts = new ArrayList<>();
        StmStats before = Stm.stats();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    start.await(WAIT_SECONDS, TimeUnit.SECONDS);
                    worker.run(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
                try {
                    done.await(WAIT_SECONDS, TimeUnit.SECONDS); // stay alive until the stats are read
                    done.await(WAIT_SECONDS, TimeUnit.SECONDS);
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "together-" + i);
            t.setDaemon(true);
            ts.add(t);
            t.start();
        }
        StmStats delta;
        try {
            done.await(WAIT_SECONDS, TimeUnit.SECONDS);
            delta = Stm.stats().minus(before);
            done.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            ts.forEach(Thread::interrupt);
            throw new AssertionError("workers did not finish", e);
        }
        for (Thread t : ts) {
            t.join();
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.poll();
            failures.forEach(first::addSuppressed);
            throw new AssertionError("a worker failed: " + first, first);
        }
        return delta;
    }
}
