package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Helpers shared by the stm-core unit tests (test scope only; public API only). */
final class TestSupport {

    private TestSupport() {
    }

    /**
     * Increments {@code v} non-transactionally from another thread and waits for it: called inside
     * an atomic block after reading {@code v}, this invalidates that read, so the running attempt is
     * certain to abort (at its next read of {@code v}, or at commit if it writes anything).
     */
    static void changeFromOtherThread(TVar<Integer> v) {
        Thread t = new Thread(() -> v.set(v.get() + 1), "stm4j-test-interferer");
        t.start();
        joinUninterruptibly(t, 10_000);
    }

    /** Runs {@code task} in a new platform thread and returns the task as a future. */
    static <T> FutureTask<T> startThread(String name, Callable<T> task) {
        FutureTask<T> f = new FutureTask<>(task);
        Thread t = new Thread(f, name);
        t.setDaemon(true);
        t.start();
        return f;
    }

    /** The result of {@code f}, failing the test if it does not complete within {@code millis}. */
    static <T> T await(FutureTask<T> f, long millis) {
        try {
            return f.get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new AssertionError("task did not complete within " + millis + " ms", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Error) {
                throw (Error) c;
            }
            if (c instanceof RuntimeException) {
                throw (RuntimeException) c;
            }
            throw new AssertionError(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls {@code condition} every millisecond until it holds, failing after {@code millis}. */
    static void waitUntil(String what, long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            sleep(1);
        }
    }

    /** Waits until {@code t} is parked (WAITING or TIMED_WAITING). */
    static void waitUntilParked(Thread t) {
        waitUntil(t.getName() + " is parked", 10_000, () -> {
            Thread.State s = t.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
        });
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void joinUninterruptibly(Thread t, long millis) {
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (t.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        assertTrue(!t.isAlive(), t.getName() + " did not finish within " + millis + " ms");
    }

    /** Throws {@code t} unchanged, even a checked exception, without declaring it. */
    static void sneakyThrow(Throwable t) {
        TestSupport.<RuntimeException>doThrow(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void doThrow(Throwable t) throws E {
        throw (E) t;
    }
}
