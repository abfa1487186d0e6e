package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;
import static org.stm4j.Stm.orElse;
import static org.stm4j.Stm.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Blocking {@code retry} and {@code orElse}. */
@Timeout(30)
class RetryOrElseTest {

    /** A thread running one atomic block that is expected to block in {@code retry}. */
    static final class Waiter<T> {
        final AtomicInteger attempts = new AtomicInteger();
        final FutureTask<T> future;
        final Thread thread;

        Waiter(String name, Callable<T> task) {
            this(name, attempts -> task);
        }

        /** {@code task} gets the counter to increment on each run of its block. */
        Waiter(String name, Function<AtomicInteger, Callable<T>> task) {
            future = new FutureTask<>(task.apply(attempts));
            thread = new Thread(future, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until the block ran {@code n} times and the thread is parked, then checks it stays so. */
        void assertBlockedAfter(int n) {
            TestSupport.waitUntil("attempt " + n, 10_000, () -> attempts.get() >= n);
            TestSupport.waitUntilParked(thread);
            TestSupport.sleep(50);
            assertFalse(future.isDone(), "the waiter must still be blocked");
            assertEquals(n, attempts.get(), "a blocked waiter must not re-run its block");
            Thread.State s = thread.getState();
            assertTrue(s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING, "state " + s);
        }

        T result() {
            return TestSupport.await(future, 10_000);
        }
    }

    private static Waiter<Integer> waitForNonZero(TVar<Integer> flag) {
        return new Waiter<Integer>("waiter", attempts -> () -> atomic(() -> {
            attempts.incrementAndGet();
            int v = flag.get();
            if (v == 0) {
                retry();
            }
            return v;
        }));
    }

    @Test
    void retryOutsideTransactionThrows() {
        assertThrows(IllegalStateException.class, Stm::retry);
    }

    @Test
    void retryInBlockThatReadNothingThrowsInsteadOfWaitingForever() {
        TVar<Integer> x = new TVar<>(0);
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            x.set(1);
            retry();
        }));
        assertEquals(0, x.get());
        assertFalse(Stm.inTransaction());
        atomic(() -> x.set(2));
        assertEquals(2, x.get());
    }

    @Test
    void retryBlocksUntilAReadTVarChangesTransactionally() {
        TVar<Integer> flag = new TVar<>(0);
        Waiter<Integer> w = waitForNonZero(flag);
        w.assertBlockedAfter(1);
        atomic(() -> flag.set(7));
        assertEquals(7, w.result());
        assertEquals(2, w.attempts.get());
    }

    @Test
    void retryWakesOnNonTransactionalSet() {
        TVar<Integer> flag = new TVar<>(0);
        Waiter<Integer> w = waitForNonZero(flag);
        w.assertBlockedAfter(1);
        flag.set(9);
        assertEquals(9, w.result());
    }

    @Test
    void retryIsNotWokenByUnrelatedTVarsAndWaitsAgainWhenConditionStillFalse() {
        TVar<Integer> flag = new TVar<>(0);
        TVar<Integer> unrelated = new TVar<>(0);
        TVar<Integer> other = new TVar<>(0);
        Waiter<Integer> waiter = new Waiter<Integer>("waiter", attempts -> () -> atomic(() -> {
            attempts.incrementAndGet();
            int v = flag.get() + other.get();
            if (v < 2) {
                retry();
            }
            return v;
        }));
        waiter.assertBlockedAfter(1);
        for (int i = 0; i < 10; i++) {
            unrelated.set(i);
        }
        atomic(() -> unrelated.set(-1));
        waiter.assertBlockedAfter(1);
        flag.set(1); // a read TVar changed, but the condition still does not hold: wait again
        waiter.assertBlockedAfter(2);
        atomic(() -> other.set(1));
        assertEquals(2, waiter.result());
        assertEquals(3, waiter.attempts.get());
    }

    @Test
    void writesOfARetryingAttemptAreNotVisibleWhileItWaits() {
        TVar<Integer> flag = new TVar<>(0);
        TVar<Integer> x = new TVar<>(0);
        Waiter<Integer> w = new Waiter<>("waiter", () -> atomic(() -> {
            x.set(42);
            if (flag.get() == 0) {
                retry();
            }
            return x.get();
        }));
        TestSupport.waitUntilParked(w.thread);
        assertEquals(0, x.get());
        atomic(() -> x.set(1)); // not read by the waiter (its own write shadows it): no wake-up needed
        flag.set(1);
        assertEquals(42, w.result());
        assertEquals(42, x.get());
    }

    @Test
    void interruptingAWaiterThrowsRetryInterruptedExceptionAndKeepsTheInterruptFlag() {
        TVar<Integer> flag = new TVar<>(0);
        TVar<Integer> x = new TVar<>(0);
        AtomicBoolean flagAfter = new AtomicBoolean();
        AtomicInteger afterwards = new AtomicInteger();
        Waiter<Throwable> w = new Waiter<>("waiter", () -> {
            try {
                atomic(() -> {
                    x.set(1);
                    if (flag.get() == 0) {
                        retry();
                    }
                });
                return null;
            } catch (RetryInterruptedException e) {
                flagAfter.set(Thread.currentThread().isInterrupted());
                assertFalse(Stm.inTransaction());
                // the STM is still usable from this thread (even with the interrupt flag set)
                atomic(() -> x.set(x.get() + 5));
                afterwards.set(x.get());
                Thread.interrupted();
                return e;
            }
        });
        TestSupport.waitUntilParked(w.thread);
        w.thread.interrupt();
        Throwable t = w.result();
        assertInstanceOf(RetryInterruptedException.class, t);
        assertTrue(flagAfter.get(), "the interrupt status must be set again");
        assertEquals(5, afterwards.get(), "the interrupted attempt's write must not be visible");
        assertEquals(5, x.get());
    }

    @Test
    void alreadyInterruptedThreadDoesNotBlockInRetry() {
        TVar<Integer> flag = new TVar<>(0);
        Thread.currentThread().interrupt();
        try {
            assertThrows(RetryInterruptedException.class, () -> atomic(() -> {
                if (flag.get() == 0) {
                    retry();
                }
            }));
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void retryWithTimeoutThrowsTransactionTimeoutException() {
        TxnConfig cfg = TxnConfig.builder().timeout(Duration.ofMillis(100)).build();
        TVar<Integer> flag = new TVar<>(0);
        TVar<Integer> x = new TVar<>(0);
        long start = System.nanoTime();
        assertThrows(TransactionTimeoutException.class, () -> atomic(cfg, () -> {
            x.set(1);
            if (flag.get() == 0) {
                retry();
            }
        }));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs >= 100, "gave up after " + elapsedMs + " ms");
        assertTrue(elapsedMs < 5_000, "gave up only after " + elapsedMs + " ms");
        assertEquals(0, x.get());
        assertFalse(Stm.inTransaction());
        // a later block with the same config whose condition holds commits at once
        flag.set(1);
        atomic(cfg, () -> {
            if (flag.get() == 0) {
                retry();
            }
            x.set(2);
        });
        assertEquals(2, x.get());
    }

    @Test
    void retryingProducerConsumerDeliversEveryItemOnce() {
        int capacity = 3;
        int perProducer = 1_000;
        TVar<List<Integer>> buffer = new TVar<>(List.of());
        AtomicLong consumedSum = new AtomicLong();
        AtomicInteger consumedCount = new AtomicInteger();
        List<FutureTask<Boolean>> tasks = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            int base = p * perProducer;
            tasks.add(TestSupport.startThread("producer", () -> {
                for (int i = 1; i <= perProducer; i++) {
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
                return true;
            }));
        }
        for (int c = 0; c < 2; c++) {
            tasks.add(TestSupport.startThread("consumer", () -> {
                for (int i = 0; i < perProducer; i++) {
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
                return true;
            }));
        }
        for (FutureTask<Boolean> t : tasks) {
            assertTrue(TestSupport.await(t, 25_000));
        }
        long n = 2L * perProducer;
        assertEquals(n, consumedCount.get());
        assertEquals(n * (n + 1) / 2, consumedSum.get());
        assertTrue(buffer.get().isEmpty());
    }

    // ----------------------------------------------------------------------------------------
    // orElse
    // ----------------------------------------------------------------------------------------

    @Test
    void orElseRunsSecondWhenFirstRetriesAndUndoesFirstsWrites() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        String r = atomic(() -> orElse(() -> {
            x.set(1);
            y.set(1);
            retry();
            return "first";
        }, () -> "second:" + x.get() + y.get()));
        assertEquals("second:00", r);
        assertEquals(0, x.get());
        assertEquals(0, y.get());
    }

    @Test
    void orElseUndoesFirstsOverwritesOfEarlierWrites() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        atomic(() -> {
            x.set(5);
            String r = orElse(() -> {
                x.set(6);
                x.set(7);
                y.set(8);
                retry();
                return "a";
            }, () -> "b" + x.get() + y.get());
            assertEquals("b50", r);
            assertEquals(5, x.get());
        });
        assertEquals(5, x.get());
        assertEquals(0, y.get());
    }

    @Test
    void orElseReturnsFirstsValueAndKeepsItsWritesWhenItDoesNotRetry() {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger secondRuns = new AtomicInteger();
        int r = atomic(() -> orElse(() -> {
            x.set(3);
            return x.get() * 2;
        }, () -> {
            secondRuns.incrementAndGet();
            return -1;
        }));
        assertEquals(6, r);
        assertEquals(0, secondRuns.get());
        assertEquals(3, x.get());
    }

    @Test
    void orElseSecondBranchWritesCommit() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> gate = new TVar<>(0);
        atomic(() -> {
            orElse(() -> {
                if (gate.get() == 0) {
                    retry();
                }
                return x.get();
            }, () -> {
                x.set(x.get() + 10);
                return x.get();
            });
        });
        assertEquals(10, x.get());
    }

    @Test
    void whenBothBranchesRetryAChangeToATVarReadOnlyInTheFirstBranchWakesIt() {
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> b = new TVar<>(0);
        Waiter<String> w = bothBranchesWaiter(a, b);
        w.assertBlockedAfter(1);
        atomic(() -> a.set(1));
        assertEquals("a", w.result());
    }

    @Test
    void whenBothBranchesRetryAChangeToATVarReadOnlyInTheSecondBranchWakesIt() {
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> b = new TVar<>(0);
        Waiter<String> w = bothBranchesWaiter(a, b);
        w.assertBlockedAfter(1);
        b.set(1); // non-transactional set, for variety
        assertEquals("b", w.result());
    }

    private static Waiter<String> bothBranchesWaiter(TVar<Integer> a, TVar<Integer> b) {
        return new Waiter<String>("orElse-waiter", attempts -> () -> atomic(() -> {
            attempts.incrementAndGet();
            return orElse(() -> {
                if (a.get() == 0) {
                    retry();
                }
                return "a";
            }, () -> {
                if (b.get() == 0) {
                    retry();
                }
                return "b";
            });
        }));
    }

    @Test
    void nestedOrElseInFirstBranch() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        String r = atomic(() -> orElse(() -> orElse(() -> {
            x.set(1);
            retry();
            return "r1";
        }, () -> {
            y.set(1);
            retry();
            return "r2";
        }), () -> "r3:" + x.get() + y.get()));
        assertEquals("r3:00", r);
        assertEquals(0, x.get());
        assertEquals(0, y.get());
    }

    @Test
    void nestedOrElseInSecondBranch() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        String r = atomic(() -> orElse(() -> {
            x.set(1);
            retry();
            return "r1";
        }, () -> orElse(() -> {
            y.set(2);
            retry();
            return "r2";
        }, () -> {
            x.set(x.get() + 3);
            return "r3:" + x.get() + y.get();
        })));
        assertEquals("r3:30", r);
        assertEquals(3, x.get());
        assertEquals(0, y.get());
    }

    @Test
    void nestedOrElseKeepsInnerSuccessfulBranchAndUndoesOuterOnRetry() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        // the inner orElse succeeds through its second branch, then the outer first branch retries:
        // everything the outer first branch did (including the inner orElse) is undone
        String r = atomic(() -> orElse(() -> {
            String inner = orElse(() -> {
                retryAfterWriting(x, 1);
                return "i1";
            }, () -> {
                y.set(2);
                return "i2";
            });
            assertEquals("i2", inner);
            assertEquals(2, y.get());
            retry();
            return "outer-first";
        }, () -> "outer-second:" + x.get() + y.get()));
        assertEquals("outer-second:00", r);
        assertEquals(0, y.get());
    }

    private static void retryAfterWriting(TVar<Integer> v, int value) {
        v.set(value);
        retry();
    }

    @Test
    void retryInNestedAtomicInsideOrElseFallsBackToSecond() {
        TVar<Integer> x = new TVar<>(0);
        String r = atomic(() -> orElse(() -> {
            atomic(() -> {
                x.set(1);
                retry();
            });
            return "first";
        }, () -> "second" + x.get()));
        assertEquals("second0", r);
        assertEquals(0, x.get());
    }

    @Test
    void orElseOutsideATransactionWorks() {
        TVar<Integer> x = new TVar<>(0);
        assertFalse(Stm.inTransaction());
        int r = orElse(() -> {
            x.set(1);
            if (x.get() == 1) {
                retry();
            }
            return 1;
        }, () -> {
            assertTrue(Stm.inTransaction());
            return 2 + x.get();
        });
        assertEquals(2, r);
        assertEquals(0, x.get());
        assertFalse(Stm.inTransaction());
        assertEquals("first", orElse(() -> "first", () -> "second"));
    }

    @Test
    void orElseOutsideATransactionBlocksWhenBothBranchesRetry() {
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> b = new TVar<>(0);
        Waiter<String> w = new Waiter<>("orElse-outside", () -> orElse(() -> {
            if (a.get() == 0) {
                retry();
            }
            return "a";
        }, () -> {
            if (b.get() == 0) {
                retry();
            }
            return "b";
        }));
        TestSupport.waitUntilParked(w.thread);
        TestSupport.sleep(20);
        assertFalse(w.future.isDone());
        b.set(5);
        assertEquals("b", w.result());
    }

    @Test
    void orElseRejectsNullBranches() {
        Supplier<String> ok = () -> "x";
        assertThrows(NullPointerException.class, () -> orElse(null, ok));
        assertThrows(NullPointerException.class, () -> orElse(ok, null));
        assertThrows(NullPointerException.class, () -> atomic(() -> orElse(ok, null)));
    }

    @Test
    void exceptionInFirstBranchPropagatesWithoutRunningSecond() {
        TVar<Integer> x = new TVar<>(0);
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger secondRuns = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> atomic(() -> orElse(() -> {
            x.set(1);
            throw boom;
        }, () -> secondRuns.incrementAndGet())));
        assertSame(boom, thrown);
        assertEquals(0, secondRuns.get());
        assertEquals(0, x.get());
    }

    @Test
    void exceptionInFirstBranchCaughtInsideTheTransactionUndoesOnlyTheBranch() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        atomic(() -> {
            y.set(1);
            try {
                orElse(() -> {
                    x.set(1);
                    y.set(2);
                    throw new IllegalArgumentException();
                }, () -> 0);
            } catch (IllegalArgumentException expected) {
                assertEquals(0, x.get());
                assertEquals(1, y.get());
            }
        });
        assertEquals(0, x.get());
        assertEquals(1, y.get());
    }

    @Test
    void afterCommitHookOfARetriedFirstBranchDoesNotRun() {
        TVar<Integer> x = new TVar<>(0);
        List<String> ran = new ArrayList<>();
        atomic(() -> orElse(() -> {
            Stm.afterCommit(() -> ran.add("first"));
            x.set(1);
            retry();
            return 1;
        }, () -> {
            Stm.afterCommit(() -> ran.add("second"));
            return 2;
        }));
        assertEquals(List.of("second"), ran);
    }
    /**
     * A block that conflicts on its first attempt: it reads {@code x}, has another thread change it,
     * and re-reads it (the re-read cannot extend the snapshot, so the attempt aborts).
     */
    private static void conflictOnFirstAttempt(TVar<Integer> x, AtomicInteger attempts) {
        int first = x.get();
        if (attempts.incrementAndGet() == 1) {
            TestSupport.changeFromOtherThread(x);
        }
        assertEquals(first, (int) x.get(), "unreachable on the first attempt");
    }

    @Test
    void retryStillBlocksAfterTheBlockFellBackToIrrevocable() {
        TxnConfig fallBackAtOnce = TxnConfig.builder().maxAttempts(1).build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> flag = new TVar<>(0);
        Waiter<Integer> w = new Waiter<Integer>("fallback-waiter", attempts -> () -> atomic(fallBackAtOnce, () -> {
            conflictOnFirstAttempt(x, attempts);
            if (flag.get() == 0) {
                retry(); // second attempt: irrevocable fallback
            }
            return flag.get();
        }));
        TestSupport.waitUntil("second attempt", 10_000, () -> w.attempts.get() >= 2 || w.future.isDone());
        TestSupport.sleep(50);
        assertFalse(w.future.isDone(), "retry in the fallback attempt must wait, not fail");
        flag.set(3);
        assertEquals(3, w.result());
    }

    @Test
    void orElseStillChoosesAfterTheBlockFellBackToIrrevocable() {
        TxnConfig fallBackAtOnce = TxnConfig.builder().maxAttempts(1).build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> empty = new TVar<>(0);
        AtomicInteger attempts = new AtomicInteger();
        int r = atomic(fallBackAtOnce, () -> {
            conflictOnFirstAttempt(x, attempts);
            return orElse(() -> {
                if (empty.get() == 0) {
                    retry();
                }
                return 1;
            }, () -> 2);
        });
        assertEquals(2, attempts.get());
        assertEquals(2, r);
    }
}
