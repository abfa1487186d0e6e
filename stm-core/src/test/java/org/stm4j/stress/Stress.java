package org.stm4j.stress;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.stm4j.TVar;

/**
 * Shared plumbing of the stress tests.
 *
 * <p><b>Size.</b> Every test reads its size, the total number of transactions across all its
 * threads, from the system property {@value #SIZE_PROPERTY} (the parent pom passes 20 000 by
 * default and 10<sup>7</sup> under {@code -Pstress}).
 *
 * <p><b>Failures.</b> {@link #run} starts the workers together, collects every {@link Throwable} a
 * worker dies of (an exception or {@link AssertionError} thrown inside an atomic block propagates
 * out of {@code atomic} and kills the worker) and rethrows the first, the others suppressed, so a
 * failure in any thread fails the test. The first failure interrupts the other workers (so those
 * blocked in {@code Stm.retry()} on a dead partner end). Workers that have not finished within a
 * budget that scales with the size are reported as a probable deadlock, livelock or lost wake-up,
 * with their stack traces.
 */
final class Stress {

    /** The system property holding the total number of transactions of each test. */
    static final String SIZE_PROPERTY = "stm4j.stress.transactions";
    /** The size when the property is absent (e.g. a test run from an IDE). */
    static final int DEFAULT_SIZE = 20_000;

    /**
     * The upper bound on attempts of one atomic block under the default contention manager:
     * irrevocable from the 8th consecutive abort, so it commits by the 9th attempt (10th if becoming
     * irrevocable must restart); a little slack on top.
     */
    static final int ATTEMPT_BOUND = 12;

    private Stress() {
    }

    /** Total transactions each test runs, across all its threads. */
    static int size() {
        String s = System.getProperty(SIZE_PROPERTY);
        if (s == null || s.isBlank()) {
            return DEFAULT_SIZE;
        }
        long n = Long.parseLong(s.trim());
        if (n < 1) {
            throw new IllegalArgumentException(SIZE_PROPERTY + " must be positive, was " + s);
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    /** {@code total} split over {@code parts}: the share of part {@code i} (shares sum to {@code total}). */
    static int share(int total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }

    /**
     * The time the workers of a test get before they count as stuck: generous, proportional to the
     * size (a deadlock shows as a timeout; a slow machine should not).
     */
    static Duration budget(long transactions, long nanosPerTransaction) {
        return Duration.ofSeconds(30).plusNanos(transactions * nanosPerTransaction);
    }

    /** A worker: the body of thread {@code index}. */
    @FunctionalInterface
    interface Worker {
        void run(int index) throws Exception;
    }

    /**
     * Runs {@code threads} workers started together and waits for all of them.
     *
     * @throws AssertionError or the first Throwable a worker died of (the others suppressed)
     */
    static void run(String name, int threads, Duration budget, Worker worker) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    worker.run(index);
                } catch (Throwable e) {
                    boolean firstFailure = failures.isEmpty();
                    failures.add(e);
                    if (firstFailure) {
                        // Wake workers blocked in Stm.retry() on a partner that is gone.
                        for (Thread other : ts) {
                            if (other != Thread.currentThread()) {
                                other.interrupt();
                            }
                        }
                    }
                }
            }, name + "-" + i);
            t.setDaemon(true);
            ts.add(t);
        }
        ts.forEach(Thread::start);
        start.countDown();
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            for (Thread t : ts) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
            }
        } catch (InterruptedException e) {
            // The test's @Timeout: do not leave workers running.
            ts.forEach(Thread::interrupt);
            throw e;
        }
        List<Throwable> errors = new ArrayList<>(failures); // what the workers died of by themselves
        List<Thread> stuck = new ArrayList<>();
        for (Thread t : ts) {
            if (t.isAlive()) {
                stuck.add(t);
            }
        }
        if (!stuck.isEmpty()) {
            AssertionError timeout = new AssertionError(stuck.size() + " of " + threads + " workers of " + name
                    + " did not finish within " + budget + " (deadlock, livelock or lost wake-up?)\n" + dump(stuck));
            errors.add(timeout); // first unless a worker failed before (then that is the cause)
            stuck.forEach(Thread::interrupt);
        }
        if (errors.isEmpty()) {
            return;
        }
        Throwable first = errors.get(0);
        for (Throwable t : errors.subList(1, errors.size())) {
            first.addSuppressed(t);
        }
        if (first instanceof Error e) {
            throw e;
        }
        throw new AssertionError("worker of " + name + " failed: " + first, first);
    }

    private static String dump(List<Thread> threads) {
        StringBuilder sb = new StringBuilder();
        for (Thread t : threads) {
            sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                sb.append("    at ").append(e).append('\n');
            }
        }
        return sb.toString();
    }

    /** An array of {@code n} TVars, each holding {@code initial}. */
    @SuppressWarnings("unchecked")
    static <T> TVar<T>[] tvars(int n, T initial) {
        TVar<T>[] vs = (TVar<T>[]) new TVar<?>[n];
        for (int i = 0; i < n; i++) {
            vs[i] = new TVar<>(initial);
        }
        return vs;
    }
}
