package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real stack overflows, as a user meets them (issue 13, D1 and D2): a recursion that calls into the
 * STM at every level overflows somewhere inside the engine — in a commit between lock and unlock, in
 * a write outside a transaction, in the cleanup of a failed block. Each run starts the recursion at a
 * different depth (padding frames), so over the runs the error strikes at many different points of
 * the engine's paths. Afterwards no TVar may stay locked (another thread's {@code get}/{@code set}
 * returns), the thread itself must be able to run blocks again, and a commit of two TVars must be
 * all or nothing. Public API only.
 */
@Timeout(120)
class StackOverflowRecoveryTest {

    private static final int RUNS = 48;
    private static final long STACK = 256 * 1024;

    /** D1: {@code atomic(() -> v.set(n))} at every level of a recursion until the stack overflows. */
    @Test
    void overflowInAtomicWriteLeavesNoLock() throws Exception {
        for (int pad = 0; pad < RUNS; pad++) {
            TVar<Integer> v = new TVar<>(0, "d1-atomic");
            overflowIn(pad, n -> atomic(() -> v.set(n)), () -> assertUsable(v));
        }
    }

    /** D1: the same with a plain {@code v.set(n)} (its own one-write transaction). */
    @Test
    void overflowInPlainWriteLeavesNoLock() throws Exception {
        for (int pad = 0; pad < RUNS; pad++) {
            TVar<Integer> v = new TVar<>(0, "d1-plain");
            overflowIn(pad, v::set, () -> assertUsable(v));
        }
    }

    /** A two-TVar commit at every level: no lock left, and the pair is never torn. */
    @Test
    void overflowInTwoVariableCommitIsAllOrNothing() throws Exception {
        for (int pad = 0; pad < RUNS; pad++) {
            TVar<Integer> a = new TVar<>(0, "a");
            TVar<Integer> b = new TVar<>(0, "b");
            overflowIn(pad, n -> atomic(() -> {
                a.set(n);
                b.set(n);
            }), () -> {
                assertUsable(a);
                assertUsable(b);
            });
            int[] pair = atomic(() -> new int[] {a.get(), b.get()});
            assertEquals(pair[0], pair[1], "a commit of a and b was torn by the overflow");
        }
    }

    /**
     * D2: a block overflows after writing, then writes are made from {@code catch (StackOverflowError)}
     * handlers deeper and deeper down the stack (each nearer the end than the last); the thread must
     * not deadlock on a lock of its own, and the failed block's writes must not appear.
     */
    @Test
    void writesFromOverflowHandlersDoNotDeadlockTheThread() throws Exception {
        for (int pad = 0; pad < RUNS / 4; pad++) {
            TVar<Integer> x = new TVar<>(0, "x");
            TVar<Integer> deep = new TVar<>(-1, "deep");
            int padding = pad;
            runInThread(() -> {
                try {
                    atomic(() -> {
                        x.set(99);
                        recurse(0);
                    });
                } catch (StackOverflowError expected) {
                    // the block is abandoned
                }
                padded(padding, () -> deepWrite(deep, 0));
                return null;
            });
            assertEquals(0, x.get(), "the overflowing block's write became visible");
            assertUsable(x);
            assertUsable(deep);
            assertTrue(deep.get() >= 0, "some handler's write went through");
        }
    }

    private static int recurse(int n) {
        return recurse(n + 1) + 1;
    }

    private static void deepWrite(TVar<Integer> target, int n) {
        try {
            deepWrite(target, n + 1);
        } catch (StackOverflowError e) {
            target.set(n);
        }
    }

    private interface Step {
        void at(int n);
    }

    /**
     * Runs the recursion in a thread of its own; when it has overflowed, and before that thread calls
     * into the STM again, {@code whileStopped} runs (another thread must not find a lock left held).
     */
    private static void overflowIn(int pad, Step step, Runnable whileStopped) throws Exception {
        AtomicReference<String> leftover = new AtomicReference<>();
        java.util.concurrent.CountDownLatch overflowed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
        FutureTask<Void> task = new FutureTask<>(() -> {
            try {
                padded(pad, () -> descend(step, 0));
            } catch (StackOverflowError expected) {
                // where it struck is the point of the test
            }
            overflowed.countDown();
            checked.await();
            // The thread itself can run blocks again, and is not left inside one.
            if (Stm.inTransaction()) {
                leftover.set("the thread is still inside a transaction");
            }
            TVar<Integer> probe = new TVar<>(0);
            atomic(() -> probe.set(probe.get() + 1));
            if (probe.get() != 1) {
                leftover.set("a block after the overflow did not commit");
            }
            return null;
        });
        Thread t = new Thread(null, task, "overflow", STACK);
        t.setDaemon(true);
        t.start();
        try {
            assertTrue(overflowed.await(30, java.util.concurrent.TimeUnit.SECONDS), "no overflow");
            whileStopped.run();
        } finally {
            checked.countDown();
        }
        TestSupport.await(task, 30_000);
        assertNull(leftover.get());
    }

    private static void descend(Step step, int n) {
        step.at(n);
        descend(step, n + 1);
    }

    /** Runs {@code then} under {@code frames} extra frames, to shift where the overflow strikes. */
    private static void padded(int frames, Runnable then) {
        if (frames == 0) {
            then.run();
        } else {
            padded(frames - 1, then);
        }
    }

    private static void runInThread(java.util.concurrent.Callable<Void> body) throws Exception {
        FutureTask<Void> task = new FutureTask<>(body);
        Thread t = new Thread(null, task, "overflow", STACK);
        t.setDaemon(true);
        t.start();
        TestSupport.await(task, 30_000);
    }

    /** Another thread can read and write {@code v} (it would wait forever on a leaked lock). */
    private static void assertUsable(TVar<Integer> v) {
        FutureTask<Integer> other = TestSupport.startThread("other", () -> {
            Integer before = v.get();
            v.set(before);
            return atomic(() -> {
                v.set(v.get());
                return v.get();
            });
        });
        Integer seen = TestSupport.await(other, 10_000);
        assertFalse(v.toString().contains("<locked>"), v.toString());
        assertEquals(seen, v.get());
    }
}
