package org.stm4j.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.stm4j.TVar;

/**
 * Shared plumbing of the stress tests of stm-core and stm-collections (the one copy: stm-core's
 * test-jar carries this package to the other modules' tests).
 *
 * <p><b>Size.</b> Every test reads its size, the total number of transactions across all its
 * threads, from the system property {@value #SIZE_PROPERTY} (the parent pom passes 20 000 by
 * default and 10<sup>7</sup> under {@code -Pstress}); a test may run a fixed fraction of it. Heavier
 * variants carry {@code @Tag("slow")} and run only under {@code -Pstress}.
 *
 * <p><b>Failures.</b> {@link #run} starts the workers together, collects every {@link Throwable} a
 * worker dies of (an exception or {@link AssertionError} thrown inside an atomic block propagates
 * out of {@code atomic} and kills the worker) and rethrows the first, the others suppressed, so a
 * failure in any thread fails the test. The first failure interrupts the other workers (so those
 * blocked in {@code Stm.retry()} on a dead partner end). Workers that have not finished within a
 * budget that scales with the size are reported as a probable deadlock, livelock or lost wake-up,
 * with their stack traces.
 */
public final class Stress {

    /** The system property holding the total number of transactions of each test. */
    public static final String SIZE_PROPERTY = "stm4j.stress.transactions";
    /** The size when the property is absent (e.g. a test run from an IDE). */
    public static final int DEFAULT_SIZE = 20_000;

    /**
     * The upper bound on attempts of one atomic block under the default contention manager:
     * irrevocable from the 8th consecutive abort, so it commits by the 9th attempt (10th if becoming
     * irrevocable must restart); a little slack on top.
     */
    public static final int ATTEMPT_BOUND = 12;

    private Stress() {
    }

    /** Total transactions each test runs, across all its threads. */
    public static int size() {
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

    /** {@code size() / divisor}, at least {@code min}: for tests whose transactions are heavy. */
    public static int size(int divisor, int min) {
        return Math.max(min, size() / divisor);
    }

    /** {@code total} split over {@code parts}: the share of part {@code i} (shares sum to {@code total}). */
    public static int share(int total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }

    /**
     * The time the workers of a test get before they count as stuck: generous, proportional to the
     * size (a deadlock shows as a timeout; a slow machine should not).
     */
    public static Duration budget(long transactions, long nanosPerTransaction) {
        return Duration.ofSeconds(60).plusNanos(transactions * nanosPerTransaction);
    }

    /** A worker: the body of thread {@code index}. */
    @FunctionalInterface
    public interface Worker {
        /**
         * The body of worker {@code index}.
         *
         * @param index the worker's number, {@code 0..threads-1}
         * @throws Exception anything: it fails the run
         */
        void run(int index) throws Exception;
    }

    /**
     * Runs {@code threads} workers started together and waits for all of them.
     *
     * @throws AssertionError or the first Throwable a worker died of (the others suppressed)
     */
    public static void run(String name, int threads, Duration budget, Worker worker) throws InterruptedException {
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
    public static <T> TVar<T>[] tvars(int n, T initial) {
        TVar<T>[] vs = (TVar<T>[]) new TVar<?>[n];
        for (int i = 0; i < n; i++) {
            vs[i] = new TVar<>(initial);
        }
        return vs;
    }

    /** A histogram of attempts per atomic call, with the default policy's bound enforced. */
    public static final class Attempts {
        private final AtomicIntegerArray counts = new AtomicIntegerArray(ATTEMPT_BOUND + 1);

        /** Records {@code attempts} and fails if it is outside {@code 1..}{@link #ATTEMPT_BOUND}. */
        public void record(String what, int attempts) {
            if (attempts < 1 || attempts > ATTEMPT_BOUND) {
                throw new AssertionError(what + " took " + attempts + " attempts; the default contention manager"
                        + " should commit every block within " + ATTEMPT_BOUND);
            }
            counts.incrementAndGet(attempts);
        }

        /** The number of atomic calls recorded. */
        public long calls() {
            long n = 0;
            for (int i = 1; i < counts.length(); i++) {
                n += counts.get(i);
            }
            return n;
        }

        /** "attempts:count" pairs for the non-zero entries. */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 1; i < counts.length(); i++) {
                if (counts.get(i) != 0) {
                    sb.append(sb.length() > 1 ? ", " : "").append(i).append(':').append(counts.get(i));
                }
            }
            return sb.append('}').toString();
        }
    }

    /**
     * Checks that {@code seen} holds each of {@code 0..items-1} exactly once; throws an
     * {@link AssertionError} naming the first duplicate, stray or missing item otherwise. Safe to
     * call inside an atomic block (it only reads its argument).
     */
    public static void assertEachItemOnce(String where, Iterable<Integer> seen, int items) {
        boolean[] present = new boolean[items];
        int count = 0;
        for (Integer item : seen) {
            if (item == null || item < 0 || item >= items) {
                throw new AssertionError(where + ": stray item " + item);
            }
            if (present[item]) {
                throw new AssertionError(where + ": item " + item + " present twice");
            }
            present[item] = true;
            count++;
        }
        if (count != items) {
            for (int i = 0; i < items; i++) {
                if (!present[i]) {
                    throw new AssertionError(where + ": " + (items - count) + " items lost (first: " + i + ")");
                }
            }
        }
    }
}
