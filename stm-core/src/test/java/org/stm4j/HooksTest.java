package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.afterAbort;
import static org.stm4j.Stm.afterCommit;
import static org.stm4j.Stm.atomic;
import static org.stm4j.Stm.retry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** afterCommit / afterAbort hooks. */
@Timeout(30)
class HooksTest {

    @Test
    void afterCommitRunsOnceAfterTheCommitOutsideTheTransaction() {
        TVar<Integer> x = new TVar<>(0);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        atomic(() -> {
            x.set(1);
            afterCommit(() -> {
                log.add("hook inTx=" + Stm.inTransaction() + " irrevocable=" + Stm.isIrrevocable());
                // the commit took effect before the hook runs: another thread sees it
                FutureTask<Integer> f = TestSupport.startThread("peek", x::get);
                log.add("other sees " + TestSupport.await(f, 10_000));
            });
            log.add("block");
        });
        assertEquals(List.of("block", "hook inTx=false irrevocable=false", "other sees 1"), log);
    }

    @Test
    void afterCommitRunsForReadOnlyCommits() {
        TVar<Integer> x = new TVar<>(4);
        AtomicInteger runs = new AtomicInteger();
        int v = atomic(() -> {
            afterCommit(runs::incrementAndGet);
            return x.get();
        });
        assertEquals(4, v);
        assertEquals(1, runs.get());
        // a block that touches no TVar at all commits too
        atomic(() -> afterCommit(runs::incrementAndGet));
        assertEquals(2, runs.get());
    }

    @Test
    void hooksRunInRegistrationOrder() {
        List<Integer> order = new ArrayList<>();
        atomic(() -> {
            for (int i = 0; i < 5; i++) {
                int n = i;
                afterCommit(() -> order.add(n));
            }
        });
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void transactionStartedInAHookIsANewTopLevelOneAndCommits() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        List<String> log = new ArrayList<>();
        atomic(() -> {
            x.set(10);
            afterCommit(() -> {
                assertFalse(Stm.inTransaction());
                atomic(() -> {
                    assertTrue(Stm.inTransaction());
                    y.set(x.get() + 1);
                    afterCommit(() -> log.add("inner hook, y=" + y.get()));
                });
                log.add("after inner, y=" + y.get());
            });
        });
        assertEquals(List.of("inner hook, y=11", "after inner, y=11"), log);
        assertEquals(11, y.get());
        assertFalse(Stm.inTransaction());
        // and the thread's next block is unaffected
        atomic(() -> y.set(y.get() + 1));
        assertEquals(12, y.get());
    }

    @Test
    void hookRegistrationAndRetryAreRejectedInsideAHook() {
        TVar<Integer> x = new TVar<>(0);
        List<Class<?>> seen = new ArrayList<>();
        atomic(() -> {
            x.set(1);
            afterCommit(() -> {
                seen.add(assertThrows(IllegalStateException.class, () -> afterCommit(() -> {
                })).getClass());
                seen.add(assertThrows(IllegalStateException.class, Stm::retry).getClass());
            });
        });
        assertEquals(List.of(IllegalStateException.class, IllegalStateException.class), seen);
    }

    @Test
    void hooksOfRolledBackAttemptsNeverRun() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        AtomicInteger attempts = new AtomicInteger();
        List<String> commits = Collections.synchronizedList(new ArrayList<>());
        List<String> aborts = Collections.synchronizedList(new ArrayList<>());
        atomic(() -> {
            int attempt = attempts.incrementAndGet();
            int seen = x.get();
            afterCommit(() -> commits.add("commit-" + attempt));
            afterAbort(() -> aborts.add("abort-" + attempt));
            if (attempt == 1) {
                TestSupport.changeFromOtherThread(x); // invalidates this attempt's read of x
            }
            y.set(seen);
        });
        assertEquals(2, attempts.get());
        assertEquals(List.of("commit-2"), commits);
        assertEquals(List.of("abort-1"), aborts);
        assertEquals(1, y.get());
    }

    @Test
    void afterAbortRunsOnConflictRollbackOfAReadOnlyAttempt() {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger attempts = new AtomicInteger();
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        int v = atomic(() -> {
            int attempt = attempts.incrementAndGet();
            afterAbort(() -> log.add("abort-" + attempt + " inTx=" + Stm.inTransaction()));
            afterCommit(() -> log.add("commit-" + attempt));
            int first = x.get();
            if (attempt == 1) {
                TestSupport.changeFromOtherThread(x);
            }
            return first + x.get(); // the second read meets the newer version and cannot extend
        });
        assertEquals(2, v);
        assertEquals(List.of("abort-1 inTx=false", "commit-2"), log);
    }

    @Test
    void afterAbortRunsOnExceptionAfterTheRollback() {
        TVar<Integer> x = new TVar<>(0);
        List<String> log = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> atomic(() -> {
            x.set(1);
            afterAbort(() -> log.add("abort inTx=" + Stm.inTransaction() + " x=" + x.get()));
            afterCommit(() -> log.add("commit"));
            throw boom;
        }));
        assertSame(boom, thrown);
        assertEquals(List.of("abort inTx=false x=0"), log);
    }

    @Test
    void afterAbortRunsWhenARetryingAttemptIsRolledBack() {
        TVar<Integer> flag = new TVar<>(0);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger attempts = new AtomicInteger();
        FutureTask<Integer> f = new FutureTask<>(() -> atomic(() -> {
            int attempt = attempts.incrementAndGet();
            afterAbort(() -> log.add("abort-" + attempt));
            afterCommit(() -> log.add("commit-" + attempt));
            if (flag.get() == 0) {
                retry();
            }
            return attempt;
        }));
        Thread waiter = new Thread(f, "retry-waiter");
        waiter.start();
        TestSupport.waitUntilParked(waiter);
        flag.set(1);
        assertEquals(2, TestSupport.await(f, 10_000));
        assertEquals(List.of("abort-1", "commit-2"), log);
    }

    @Test
    void exceptionFromAfterCommitReachesCallerCommitStandsAndNothingStaysLocked() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        IllegalStateException boom = new IllegalStateException("hook failed");
        List<String> log = new ArrayList<>();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> atomic(() -> {
            x.set(1);
            y.set(2);
            afterCommit(() -> {
                throw boom;
            });
            afterCommit(() -> log.add("second hook still runs"));
        }));
        assertSame(boom, thrown);
        assertEquals(List.of("second hook still runs"), log);
        assertFalse(Stm.inTransaction());
        assertEquals(1, x.get(), "the commit stands");
        assertEquals(2, y.get(), "the commit stands");

        // another thread can immediately commit to the same TVars, and set them non-transactionally
        FutureTask<Boolean> other = TestSupport.startThread("other", () -> {
            atomic(() -> {
                x.set(x.get() + 10);
                y.set(y.get() + 10);
            });
            x.set(x.get() + 100);
            y.set(y.get() + 100);
            return true;
        });
        assertTrue(TestSupport.await(other, 10_000));
        assertEquals(111, x.get());
        assertEquals(112, y.get());
        // and so can this thread
        atomic(() -> x.set(x.get() + 1));
        assertEquals(112, x.get());
    }

    @Test
    void exceptionFromAfterCommitOfValueBlockReachesCaller() {
        TVar<Integer> x = new TVar<>(0);
        IOException checked = new IOException("hook");
        Throwable thrown = assertThrows(IOException.class, () -> {
            int unused = atomic(() -> {
                x.set(5);
                afterCommit(() -> TestSupport.sneakyThrow(checked));
                return 5;
            });
            assertEquals(-1, unused, "unreachable");
        });
        assertSame(checked, thrown);
        assertEquals(5, x.get());
    }

    @Test
    void secondHookExceptionIsSuppressedIntoTheFirst() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> atomic(() -> {
            afterCommit(() -> {
                throw first;
            });
            afterCommit(() -> {
                throw second;
            });
        }));
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {second}, thrown.getSuppressed());
    }

    @Test
    void hooksOutsideATransactionAreRejected() {
        assertThrows(IllegalStateException.class, () -> afterCommit(() -> {
        }));
        assertThrows(IllegalStateException.class, () -> afterAbort(() -> {
        }));
    }

    @Test
    void nullHooksAreRejected() {
        assertThrows(NullPointerException.class, () -> afterCommit(null));
        assertThrows(NullPointerException.class, () -> afterAbort(null));
        TVar<Integer> x = new TVar<>(0);
        List<Class<?>> seen = new ArrayList<>();
        atomic(() -> {
            x.set(1);
            seen.add(assertThrows(NullPointerException.class, () -> afterCommit(null)).getClass());
            seen.add(assertThrows(NullPointerException.class, () -> afterAbort(null)).getClass());
        });
        assertEquals(2, seen.size());
        assertEquals(1, x.get());
    }

    @Test
    void afterCommitHookOfANestedBlockThatThrewDoesNotRun() {
        TVar<Integer> x = new TVar<>(0);
        List<String> log = new ArrayList<>();
        atomic(() -> {
            afterCommit(() -> log.add("outer"));
            try {
                atomic(() -> {
                    x.set(1);
                    afterCommit(() -> log.add("nested that threw"));
                    throw new IllegalStateException();
                });
            } catch (IllegalStateException expected) {
                // the outer block goes on
            }
            atomic(() -> afterCommit(() -> log.add("nested that succeeded")));
        });
        assertEquals(List.of("outer", "nested that succeeded"), log);
        assertEquals(0, x.get());
    }

    @Test
    void hooksOfOneBlockDoNotLeakIntoTheNext() {
        List<String> log = new ArrayList<>();
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            afterCommit(() -> log.add("commit of failed block"));
            throw new IllegalStateException();
        }));
        atomic(() -> {
            afterAbort(() -> log.add("abort of committed block"));
        });
        atomic(() -> {
        });
        assertEquals(List.of(), log);
    }
    @Test
    void transactionStartedInAnAfterAbortHookOfAThrowingBlockCommits() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> log = new TVar<>(0);
        IllegalStateException boom = new IllegalStateException();
        assertSame(boom, assertThrows(IllegalStateException.class, () -> atomic(() -> {
            x.set(1);
            afterAbort(() -> atomic(() -> log.set(log.get() + 1)));
            throw boom;
        })));
        assertEquals(0, x.get());
        assertEquals(1, log.get());
    }

    @Test
    void transactionStartedInAnAfterAbortHookOnConflictDoesNotBreakTheBlock() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        TVar<Integer> log = new TVar<>(0);
        AtomicInteger attempts = new AtomicInteger();
        atomic(() -> {
            int attempt = attempts.incrementAndGet();
            afterAbort(() -> atomic(() -> log.set(log.get() + 1)));
            int seen = x.get();
            if (attempt == 1) {
                TestSupport.changeFromOtherThread(x);
            }
            y.set(seen);
        });
        assertEquals(2, attempts.get());
        assertEquals(1, y.get());
        assertEquals(1, log.get());
    }

    @Test
    void transactionStartedInAnAfterAbortHookOnRetryDoesNotBreakTheBlock() {
        TVar<Integer> flag = new TVar<>(0);
        TVar<Integer> log = new TVar<>(0);
        FutureTask<Integer> f = new FutureTask<>(() -> atomic(() -> {
            afterAbort(() -> atomic(() -> log.set(log.get() + 1)));
            if (flag.get() == 0) {
                retry();
            }
            return flag.get();
        }));
        Thread t = new Thread(f, "retry-with-hook");
        t.setDaemon(true);
        t.start();
        TestSupport.waitUntilParked(t);
        flag.set(1);
        assertEquals(1, TestSupport.await(f, 10_000));
        assertEquals(1, log.get());
    }

    /**
     * Issue 16: a block run from an afterAbort hook is a new top-level block on the same context, run on
     * a block state of its own. The outer block's state must survive it, even when the nested block
     * aborts itself: its attempt count, its configuration (attempt limit, exhaustion policy, manager),
     * what its manager sees and keeps, and its observation in the conflict report.
     */
    @Test
    void aBlockRunFromAnAfterAbortHookLeavesTheOuterBlocksStateIntact() {
        Stm.resetConflicts();
        Stm.setConflictReporting(true);
        try {
            TVar<Integer> outerHot = new TVar<>(0, "outer-hot");
            TVar<Integer> innerHot = new TVar<>(0, "inner-hot");
            TVar<Integer> innerLog = new TVar<>(0);
            List<String> seenByManager = new ArrayList<>();
            org.stm4j.spi.ContentionManager recording = new org.stm4j.spi.ContentionManager() {
                @Override
                public String name() {
                    return "recording";
                }

                @Override
                public org.stm4j.spi.AttemptMode onAbort(org.stm4j.spi.TxnView tx, AbortCause cause) {
                    seenByManager.add("attempt " + tx.attempt() + " aborts " + tx.consecutiveAborts() + " reads "
                            + tx.readCount() + " writes " + tx.writeCount() + " state " + tx.managerState()
                            + " " + cause);
                    tx.managerState(tx.attempt() * 100L);
                    return org.stm4j.spi.AttemptMode.OPTIMISTIC;
                }
            };
            TxnConfig outer = TxnConfig.builder().contentionManager(recording).maxAttempts(3)
                    .onAttemptsExhausted(TxnConfig.OnAttemptsExhausted.THROW).build();
            List<Integer> outerAttempts = new ArrayList<>();
            AtomicInteger innerRuns = new AtomicInteger();
            TooManyAttemptsException tooMany = assertThrows(TooManyAttemptsException.class, () -> atomic(outer, () -> {
                outerAttempts.add(org.stm4j.internal.TxnContext.current().attempt());
                afterAbort(() -> atomic(() -> {
                    // a block of its own, with the default configuration: it aborts twice, then commits
                    int v = innerHot.get();
                    if (innerRuns.incrementAndGet() % 3 != 0) {
                        TestSupport.changeFromOtherThread(innerHot);
                    }
                    innerHot.set(v + 1);
                    innerLog.set(innerLog.get() + 1);
                }));
                int v = outerHot.get();
                TestSupport.changeFromOtherThread(outerHot); // every attempt of the outer block conflicts
                outerHot.set(v + 1);
            }));
            assertEquals(List.of(1, 2, 3), outerAttempts, "the outer block's attempts count on across the hooks");
            assertTrue(tooMany.getMessage().contains("aborted 3 times (maxAttempts 3)"), tooMany.getMessage());
            assertEquals(List.of(
                    "attempt 1 aborts 1 reads 1 writes 1 state 0 VALIDATION",
                    "attempt 2 aborts 2 reads 1 writes 1 state 100 VALIDATION",
                    "attempt 3 aborts 3 reads 1 writes 1 state 200 VALIDATION"), seenByManager);
            assertEquals(3, (int) innerLog.get(), "the hook's block committed after each outer abort");
            assertEquals(9, innerRuns.get());

            ConflictReport report = Stm.conflicts();
            ConflictReport.Entry outerEntry = report.entries().stream().filter(e -> "outer-hot".equals(e.structure()))
                    .findFirst().orElseThrow(() -> new AssertionError(report.toString()));
            ConflictReport.Entry innerEntry = report.entries().stream().filter(e -> "inner-hot".equals(e.structure()))
                    .findFirst().orElseThrow(() -> new AssertionError(report.toString()));
            assertEquals(3, outerEntry.aborts(), outerEntry.toString());
            assertEquals(3, outerEntry.attempts(), outerEntry.toString());
            assertEquals(6, innerEntry.aborts(), innerEntry.toString());
            assertEquals(9, innerEntry.attempts(), innerEntry.toString());
            assertTrue(outerEntry.site().contains("HooksTest"), outerEntry.toString());
        } finally {
            Stm.setConflictReporting(false);
            Stm.resetConflicts();
        }
        assertEquals(null, org.stm4j.internal.TxnContext.leftoversOfCurrentThread());
    }

    /**
     * {@code abandoningBlock()} answers for the block whose hooks run: true in the hooks of a block that
     * threw, false in the hooks of a block run from there that only conflicted (it will re-run).
     */
    @Test
    void abandoningBlockAnswersForTheBlockWhoseHooksRun() {
        TVar<Integer> x = new TVar<>(0);
        List<String> log = new ArrayList<>();
        AtomicInteger innerRuns = new AtomicInteger();
        IllegalStateException boom = new IllegalStateException();
        assertSame(boom, assertThrows(IllegalStateException.class, () -> atomic(() -> {
            afterAbort(() -> {
                log.add("outer hook abandoning=" + org.stm4j.access.Txn.current().abandoningBlock());
                atomic(() -> {
                    afterAbort(() -> log.add("inner hook abandoning=" + org.stm4j.access.Txn.current().abandoningBlock()));
                    int v = x.get();
                    if (innerRuns.incrementAndGet() == 1) {
                        TestSupport.changeFromOtherThread(x);
                    }
                    x.set(v + 1);
                });
                log.add("outer hook after inner block abandoning=" + org.stm4j.access.Txn.current().abandoningBlock());
            });
            throw boom;
        })));
        assertEquals(List.of("outer hook abandoning=true", "inner hook abandoning=false",
                "outer hook after inner block abandoning=true"), log);
        assertEquals(false, org.stm4j.access.Txn.current().abandoningBlock());
    }

    @Test
    void exceptionFromAfterAbortHookDoesNotReplaceTheBlocksException() {
        RuntimeException fromBlock = new RuntimeException("block");
        RuntimeException fromHook = new RuntimeException("hook");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> atomic(() -> {
            afterAbort(() -> {
                throw fromHook;
            });
            throw fromBlock;
        }));
        assertSame(fromBlock, thrown);
    }

    /** Issue 13 D5: a nested block that throws has its afterAbort hooks run when the attempt is rolled back. */
    @Test
    void afterAbortOfANestedBlockThatThrowsRunsWhenTheExceptionAbortsTheAttempt() {
        TVar<Integer> x = new TVar<>(0);
        AtomicInteger hook = new AtomicInteger();
        AtomicInteger commitHook = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            x.set(1);
            atomic(() -> {
                afterAbort(hook::incrementAndGet);
                afterCommit(commitHook::incrementAndGet);
                throw new IllegalStateException();
            });
        }));
        assertEquals(0, x.get());
        assertEquals(1, hook.get());
        assertEquals(0, commitHook.get());
    }

    /**
     * A nested block or orElse branch that is rolled back while the attempt goes on: its afterAbort
     * hooks run once, after the attempt commits (before the afterCommit hooks); its afterCommit hooks
     * never run. Hooks of a kind run in registration order.
     */
    @Test
    void afterAbortOfARolledBackNestedScopeRunsOnceEvenIfTheAttemptCommits() {
        TVar<Integer> x = new TVar<>(0);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        int got = atomic(() -> {
            afterAbort(() -> log.add("outer abort"));
            afterCommit(() -> log.add("outer commit 1"));
            try {
                atomic(() -> {
                    afterAbort(() -> log.add("nested abort"));
                    afterCommit(() -> log.add("nested commit"));
                    x.set(5);
                    throw new IllegalStateException();
                });
            } catch (IllegalStateException expected) {
                // handled inside the transaction, which goes on
            }
            int branch = Stm.orElse(() -> {
                afterAbort(() -> log.add("branch abort"));
                afterCommit(() -> log.add("branch commit"));
                x.set(7);
                retry();
                return 1;
            }, () -> 2);
            afterCommit(() -> log.add("outer commit 2"));
            return branch * 10 + x.get();
        });
        assertEquals(20, got);
        assertEquals(List.of("nested abort", "branch abort", "outer commit 1", "outer commit 2"), log);
    }

    /** An orElse branch that throws: its afterAbort hooks run with the attempt's rollback, once. */
    @Test
    void afterAbortOfAnOrElseBranchThatThrowsRunsOnce() {
        AtomicInteger hook = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> atomic(() -> Stm.orElse(() -> {
            afterAbort(hook::incrementAndGet);
            throw new IllegalStateException();
        }, () -> 0)));
        assertEquals(1, hook.get());
    }
}
