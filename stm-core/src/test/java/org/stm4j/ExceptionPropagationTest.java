package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An exception from a block aborts it, is not wrapped, and the block is not re-run. */
@Timeout(30)
class ExceptionPropagationTest {

    /** A custom Error, to check that Errors are neither swallowed nor taken for engine signals. */
    static final class CustomError extends Error {
        private static final long serialVersionUID = 1L;

        CustomError(String message) {
            super(message);
        }
    }

    @Test
    void runtimeExceptionPropagatesAsTheSameInstance() {
        TVar<Integer> x = new TVar<>(0);
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger runs = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> atomic(() -> {
            runs.incrementAndGet();
            x.set(1);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertNull(thrown.getCause(), "not wrapped");
        assertEquals(1, runs.get(), "a block that throws is not re-run");
        assertEquals(0, x.get());
    }

    @Test
    void exceptionFromValueBlockPropagatesAsTheSameInstance() {
        TVar<Integer> x = new TVar<>(0);
        ArithmeticException boom = new ArithmeticException("/ by zero");
        AtomicInteger runs = new AtomicInteger();
        ArithmeticException thrown = assertThrows(ArithmeticException.class, () -> {
            int unused = atomic(() -> {
                runs.incrementAndGet();
                x.set(1);
                if (x.get() == 1) {
                    throw boom;
                }
                return 1;
            });
            assertEquals(-1, unused, "unreachable");
        });
        assertSame(boom, thrown);
        assertEquals(1, runs.get());
        assertEquals(0, x.get());
    }

    @Test
    void genuineExceptionFromTheBlockPropagates() {
        TVar<Integer> zero = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        assertThrows(ArithmeticException.class, () -> atomic(() -> {
            runs.incrementAndGet();
            return 10 / zero.get();
        }));
        assertEquals(1, runs.get());
    }

    @Test
    void sneakyCheckedExceptionPropagatesUnchanged() {
        TVar<String> x = new TVar<>("before");
        IOException io = new IOException("disk on fire");
        AtomicInteger runs = new AtomicInteger();
        Throwable thrown = assertThrows(IOException.class, () -> atomic(() -> {
            runs.incrementAndGet();
            x.set("after");
            TestSupport.sneakyThrow(io);
        }));
        assertSame(io, thrown);
        assertNull(thrown.getCause());
        assertEquals(1, runs.get());
        assertEquals("before", x.get());
    }

    @Test
    void sneakyCheckedExceptionFromNestedBlockPropagatesUnchanged() {
        TVar<Integer> x = new TVar<>(0);
        Exception checked = new Exception("checked");
        Throwable thrown = assertThrows(Exception.class, () -> atomic(() -> {
            x.set(1);
            atomic(() -> {
                x.set(2);
                TestSupport.sneakyThrow(checked);
            });
        }));
        assertSame(checked, thrown);
        assertEquals(0, x.get());
    }

    @Test
    void noneOfTheWritesBecomeVisible() {
        List<TVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            vars.add(new TVar<>(i));
        }
        RuntimeException boom = new RuntimeException();
        assertThrows(RuntimeException.class, () -> atomic(() -> {
            for (TVar<Integer> v : vars) {
                v.set(-1);
            }
            throw boom;
        }));
        for (int i = 0; i < vars.size(); i++) {
            assertEquals(i, vars.get(i).get());
        }
        // and nothing is left locked: another thread commits to all of them at once
        FutureTask<Boolean> f = TestSupport.startThread("writer", () -> {
            atomic(() -> {
                for (TVar<Integer> v : vars) {
                    v.set(v.get() + 100);
                }
            });
            return true;
        });
        assertTrue(TestSupport.await(f, 10_000));
        assertEquals(149, vars.get(49).get());
    }

    @Test
    void customErrorPropagates() {
        TVar<Integer> x = new TVar<>(0);
        CustomError err = new CustomError("custom");
        AtomicInteger runs = new AtomicInteger();
        CustomError thrown = assertThrows(CustomError.class, () -> atomic(() -> {
            runs.incrementAndGet();
            x.set(1);
            throw err;
        }));
        assertSame(err, thrown);
        assertEquals(1, runs.get());
        assertEquals(0, x.get());
        atomic(() -> x.set(2));
        assertEquals(2, x.get());
    }

    @Test
    void outOfMemoryErrorThrownByTheBlockPropagatesAndLeavesTheStmUsable() {
        TVar<Integer> x = new TVar<>(0);
        OutOfMemoryError oom = new OutOfMemoryError("simulated");
        OutOfMemoryError thrown = assertThrows(OutOfMemoryError.class, () -> atomic(() -> {
            x.set(1);
            throw oom;
        }));
        assertSame(oom, thrown);
        assertEquals(0, x.get());
        assertFalse(Stm.inTransaction());
        atomic(() -> x.set(x.get() + 5));
        assertEquals(5, x.get());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    private static int recurseWithTVars(List<TVar<Integer>> vars, int depth) {
        TVar<Integer> v = vars.get(depth % vars.size());
        v.set(v.get() + 1); // the overflow may well hit inside the engine's read or write
        return recurseWithTVars(vars, depth + 1) + 1;
    }

    @Test
    void stackOverflowInsideTheBlockLeavesTheStmUsable() {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        assertThrows(StackOverflowError.class, () -> atomic(() -> {
            runs.incrementAndGet();
            x.set(1);
            recurse(0);
        }));
        assertEquals(1, runs.get());
        assertFalse(Stm.inTransaction());
        assertEquals(0, x.get());
        atomic(() -> x.set(x.get() + 1));
        assertEquals(1, x.get());
        assertNothingLocked(List.of(x));
    }

    @Test
    void stackOverflowWhileReadingAndWritingTVarsLeavesTheStmUsable() {
        List<TVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            vars.add(new TVar<>(0));
        }
        for (int round = 0; round < 3; round++) {
            assertThrows(StackOverflowError.class, () -> atomic(() -> {
                recurseWithTVars(vars, 0);
            }));
            assertFalse(Stm.inTransaction());
            for (TVar<Integer> v : vars) {
                assertEquals(0, v.get(), "writes of the failed block must not be visible");
            }
        }
        // the next transaction in this thread works and sees a clean log
        atomic(() -> {
            for (TVar<Integer> v : vars) {
                assertEquals(0, v.get());
                v.set(v.get() + 1);
            }
        });
        for (TVar<Integer> v : vars) {
            assertEquals(1, v.get());
        }
        assertNothingLocked(vars);
    }

    @Test
    void stackOverflowInNestedBlockCaughtByOuterKeepsOuterWrites() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        atomic(() -> {
            x.set(1);
            try {
                atomic(() -> {
                    y.set(1);
                    recurse(0);
                });
            } catch (StackOverflowError expected) {
                // fall through
            }
            assertEquals(0, y.get());
        });
        assertEquals(1, x.get());
        assertEquals(0, y.get());
    }

    private static void recurseNested(List<TVar<Integer>> vars, List<String> hooks, int depth) {
        atomic(() -> {
            TVar<Integer> v = vars.get(depth % vars.size());
            v.set(v.get() + 1);
            if (depth % 100 == 0) {
                Stm.afterCommit(() -> hooks.add("level " + depth));
            }
            recurseNested(vars, hooks, depth + 1);
        });
    }

    @Test
    void stackOverflowThroughNestedBlocksCaughtByTheOuterBlockUndoesOnlyTheNestedWrites() {
        List<TVar<Integer>> vars = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            vars.add(new TVar<>(0));
        }
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        List<String> hooks = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            int r = round;
            atomic(() -> {
                x.set(x.get() + 1);
                vars.get(0).set(100); // overwritten by the nested blocks, must be restored
                try {
                    recurseNested(vars, hooks, 0);
                } catch (StackOverflowError expected) {
                    // every nested block was rolled back on the way up
                }
                assertEquals(100, vars.get(0).get());
                for (int i = 1; i < vars.size(); i++) {
                    assertEquals(0, vars.get(i).get(), "round " + r);
                }
                vars.get(0).set(0);
                y.set(y.get() + 1);
            });
        }
        assertEquals(3, x.get());
        assertEquals(3, y.get());
        for (TVar<Integer> v : vars) {
            assertEquals(0, v.get());
        }
        assertEquals(List.of(), hooks, "hooks of rolled-back nested blocks must not run");
        assertNothingLocked(vars);
    }

    /** Another thread can commit an update to every given TVar at once, and a non-transactional set works. */
    private static void assertNothingLocked(List<TVar<Integer>> vars) {
        FutureTask<Boolean> f = TestSupport.startThread("lock-check", () -> {
            atomic(() -> {
                for (TVar<Integer> v : vars) {
                    v.set(v.get() + 10);
                }
            });
            for (TVar<Integer> v : vars) {
                v.set(v.get() - 10);
            }
            return true;
        });
        assertTrue(TestSupport.await(f, 10_000), "a TVar stayed locked");
    }

    @Test
    void exceptionDoesNotAffectOtherThreadsCommittingMeanwhile() throws Exception {
        TVar<Integer> counter = new TVar<>(0);
        int n = 2_000;
        java.util.concurrent.CountDownLatch firstThrow = new java.util.concurrent.CountDownLatch(1);
        FutureTask<Boolean> writer = TestSupport.startThread("writer", () -> {
            firstThrow.await(); // overlap with the throwing transactions even if the writer would be faster
            for (int i = 0; i < n; i++) {
                atomic(() -> counter.set(counter.get() + 1));
            }
            return true;
        });
        int thrown = 0;
        do {
            try {
                atomic(() -> {
                    counter.set(counter.get() + 1_000_000);
                    throw new IllegalStateException();
                });
            } catch (IllegalStateException expected) {
                thrown++;
                firstThrow.countDown();
            }
        } while (!writer.isDone());
        assertTrue(TestSupport.await(writer, 20_000));
        assertTrue(thrown > 0);
        assertEquals(n, counter.get());
    }
}
