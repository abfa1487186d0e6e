package org.stm4j.internal;

import java.util.function.Supplier;

/**
 * Test-only error injection at the places where the engine holds a lock or half-applied state, so
 * that tests can prove an error striking there (a {@code StackOverflowError}, an
 * {@code OutOfMemoryError}) leaves no lock held, nothing half-published and the thread's context
 * usable — at every such place, not only where user code runs.
 *
 * <p>Off unless the JVM starts with {@code -Dstm4j.internal.faultPoints=true}: {@link #ENABLED} is
 * {@code static final}, so every {@code if (FaultPoints.ENABLED)} in the engine folds away and a
 * production JVM pays nothing. The build's test runs switch it on.
 *
 * <p>Use: {@link #arm(int, Supplier)} on the thread under test: the {@code n}-th fault point that
 * thread reaches afterwards throws the supplied error (once) and disarms. {@link #count()} first
 * tells how many points an operation passes, so a test can sweep {@code n} over all of them.
 * Only the armed thread is affected; other threads pass every point untouched.
 */
public final class FaultPoints {

    /** Whether the engine calls {@link #hit(Point)} at all (JVM-wide, fixed at start-up). */
    public static final boolean ENABLED = Boolean.getBoolean("stm4j.internal.faultPoints");

    /** Where an error can be injected. */
    public enum Point {
        /** A transactional read ({@code TVar.get}, collections' reads) is about to read. */
        READ,
        /** A transactional write is about to be logged. */
        WRITE,
        /** A write outside any transaction holds its TVar's lock, before it takes a version. */
        WRITE_NOW_LOCKED,
        /** A write outside any transaction has stored the value, before it unlocks. */
        WRITE_NOW_PUBLISHING,
        /** A commit has locked part of its write set (after each lock but the last). */
        COMMIT_LOCKING,
        /** A commit holds its whole write set, before validation. */
        COMMIT_LOCKED,
        /** A commit is validated and holds its locks, before deferred writes resolve and publish. */
        COMMIT_VALIDATED,
        /** A commit has published part of its write set (after each TVar but the last). */
        COMMIT_WRITE_BACK,
        /** A commit has published everything, before it wakes the waiters of {@code retry}. */
        COMMIT_WAKE,
        /** An attempt committed, before its statistics and hooks. */
        COMMITTED,
        /** An attempt is being rolled back, while it may still hold its escalation (token, visible reads). */
        ROLLBACK,
        /** An escalated attempt holds the irrevocability token or a visible-reader slot. */
        ESCALATED,
        /** {@code becomeIrrevocable()} holds the token, before it validates. */
        IRREVOCABLE_UPGRADE,
        /** A {@code retry} has registered as a waiter, before it parks. */
        RETRY_REGISTERED,
        /** A nested block or {@code orElse} branch is being rolled back. */
        NESTED_ROLLBACK,
        /** A block is ending (its state being reset). */
        END_BLOCK
    }

    private static volatile Thread armedThread;
    private static int countdown;
    private static int passed;
    private static Point struck;
    private static Supplier<? extends Throwable> error;

    private FaultPoints() {
    }

    /**
     * Makes the {@code n}-th fault point the calling thread reaches throw {@code errorFactory}'s error.
     *
     * @throws IllegalStateException if the JVM was not started with fault points enabled
     */
    public static void arm(int n, Supplier<? extends Throwable> errorFactory) {
        if (!ENABLED) {
            throw new IllegalStateException("start the JVM with -Dstm4j.internal.faultPoints=true");
        }
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        countdown = n;
        passed = 0;
        struck = null;
        error = errorFactory;
        armedThread = Thread.currentThread();
    }

    /** Counts the fault points the calling thread passes from now on, throwing nothing. */
    public static void count() {
        arm(Integer.MAX_VALUE, () -> new AssertionError("never thrown"));
    }

    /** Stops injecting; returns how many points the armed thread passed since it was armed. */
    public static int disarm() {
        armedThread = null;
        return passed;
    }

    /** The point that threw since the last {@link #arm}, or null if none did. */
    public static Point struck() {
        return struck;
    }

    /** Called by the engine at {@code point}; throws there if this is the armed thread's n-th point. */
    static void hit(Point point) {
        if (armedThread != Thread.currentThread()) {
            return;
        }
        passed++;
        if (--countdown == 0) {
            armedThread = null;
            struck = point;
            Sneaky.rethrow(error.get());
        }
    }
}
