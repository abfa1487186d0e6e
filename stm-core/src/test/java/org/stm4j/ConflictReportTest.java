package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stm4j.testkit.Waits;

/**
 * The conflict report (issue 15): a deliberately conflicting pair of blocks in two threads is named
 * by its TVar and both call sites; counts agree with {@link Stm#stats()}; off records nothing.
 */
class ConflictReportTest {

    @AfterEach
    void off() {
        Stm.setConflictReporting(false);
        Stm.resetConflicts();
    }

    /**
     * Thread A reads {@code hot}, then (first attempt only) waits until thread B committed a write of
     * it, then writes it: A's commit must fail validation on {@code hot}, lost to B's block.
     */
    private static int[] conflictingPair(TVar<Integer> hot) throws InterruptedException {
        CountDownLatch aRead = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        AtomicInteger attemptsOfA = new AtomicInteger();
        int[] lines = new int[2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = new Thread(() -> {
            lines[0] = Waits.here(); atomic(() -> {
                int v = hot.get();
                if (attemptsOfA.incrementAndGet() == 1) {
                    aRead.countDown();
                    Waits.await(bDone);
                }
                hot.set(v + 1);
            });
        });
        Thread b = new Thread(() -> {
            Waits.await(aRead);
            lines[1] = Waits.here(); atomic(() -> hot.set(hot.get() + 10));
            bDone.countDown();
        });
        for (Thread t : List.of(a, b)) {
            t.setUncaughtExceptionHandler((th, e) -> failure.set(e));
            t.start();
        }
        a.join();
        b.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(11, (int) hot.get());
        assertTrue(attemptsOfA.get() >= 2, "A must have aborted at least once");
        return lines;
    }

    @Test
    void namesTheTVarAndBothCallSites() throws InterruptedException {
        Stm.resetConflicts();
        Stm.setConflictReporting(true);
        TVar<Integer> hot = new TVar<>(0, "hot");
        StmStats before = Stm.stats();
        int[] lines = conflictingPair(hot);
        StmStats during = Stm.stats().minus(before);
        ConflictReport report = Stm.conflicts();

        ConflictReport.Entry e = report.entries().stream().filter(x -> "hot".equals(x.structure())).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for TVar hot:\n" + report));
        String file = "ConflictReportTest.java:";
        assertTrue(e.site().startsWith(ConflictReportTest.class.getName() + ".lambda$conflictingPair$"), e.toString());
        assertTrue(e.site().endsWith("(" + file + lines[0] + ")"), e + " expected line " + lines[0]);
        assertTrue(e.winnerSite() != null && e.winnerSite().endsWith("(" + file + lines[1] + ")"),
                e + " expected winner at line " + lines[1]);
        assertTrue(e.aborts() >= 1, e.toString());
        assertTrue(e.attempts() >= e.aborts() + 1, "A's block ended: its attempts are counted: " + e);
        assertTrue(e.timeLostNanos() > 0, e.toString());
        assertEquals(0, e.retries());
        // the report's counts are the statistics' counts of the same interval, cause by cause
        for (AbortCause c : AbortCause.values()) {
            assertEquals(during.aborts(c), report.aborts(c), c + " in\n" + report + "\n" + during);
        }
        assertTrue(report.format(5).contains("hot"), report.format(5));
        assertTrue(report.toString().contains(e.site()), report.toString());
    }

    /**
     * A read that meets a version newer than the snapshot extends it, and the extension fails because
     * an earlier read changed: the report (and the enemy) is that earlier read, the TVar another commit
     * overwrote, not the newer one that only prompted the check (it named {@code newer} before).
     */
    @Test
    void aFailedExtensionNamesTheReadThatChanged() {
        Stm.resetConflicts();
        Stm.setConflictReporting(true);
        TVar<Integer> changed = new TVar<>(0, "changed");
        TVar<Integer> newer = new TVar<>(0, "newer");
        int[] attempts = {0};
        atomic(() -> {
            changed.get();
            if (attempts[0]++ == 0) { // a commit of both after this attempt's snapshot began
                Thread other = new Thread(() -> atomic(() -> {
                    changed.set(1);
                    newer.set(1);
                }));
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            newer.get();
        });
        assertEquals(2, attempts[0], "the first attempt aborted");
        ConflictReport report = Stm.conflicts();
        ConflictReport.Entry e = report.entries().stream().filter(x -> "changed".equals(x.structure())).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for the TVar that changed:\n" + report));
        assertEquals(1, e.aborts(AbortCause.READ_CONFLICT), e.toString());
        assertTrue(report.entries().stream().noneMatch(x -> "newer".equals(x.structure())), report.toString());
        Stm.setConflictReporting(false);
    }

    /** A write outside any block that invalidates a block's read is named as such, not as that thread's last block. */
    @Test
    void aWriteOutsideABlockIsNamedAsTheWinner() {
        Stm.resetConflicts();
        Stm.setConflictReporting(true);
        TVar<Integer> v = new TVar<>(0, "written outside");
        TVar<Integer> copy = new TVar<>(0);
        atomic(() -> copy.set(1)); // this thread's last block, which must not be named
        int[] attempts = {0};
        Thread reader = new Thread(() -> atomic(() -> {
            int seen = v.get();
            if (attempts[0]++ == 0) {
                Thread writer = new Thread(() -> v.set(5));
                writer.start();
                try {
                    writer.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            copy.set(seen);
        }));
        reader.start();
        try {
            reader.join();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        ConflictReport report = Stm.conflicts();
        ConflictReport.Entry e = report.entries().stream().filter(x -> "written outside".equals(x.structure()))
                .findFirst().orElseThrow(() -> new AssertionError("no entry:\n" + report));
        assertEquals("a TVar write outside a transaction", e.winnerSite(), e.toString());
        Stm.setConflictReporting(false);
    }

    @Test
    void offRecordsNothing() throws InterruptedException {
        Stm.setConflictReporting(false);
        Stm.resetConflicts();
        StmStats before = Stm.stats();
        conflictingPair(new TVar<>(0, "cold"));
        assertTrue(Stm.stats().minus(before).conflictAborts() >= 1, "the pair did conflict");
        assertTrue(Stm.conflicts().entries().isEmpty(), "recorded while off:\n" + Stm.conflicts());
    }

    @Test
    void retriesAndEscalationsAreCounted() throws InterruptedException {
        Stm.resetConflicts();
        Stm.setConflictReporting(true);
        TVar<Integer> box = new TVar<>(0, "box");
        CountDownLatch waiting = new CountDownLatch(1);
        Thread consumer = new Thread(() -> atomic(() -> {
            if (box.get() == 0) {
                waiting.countDown();
                Stm.retry();
            }
        }));
        consumer.start();
        Waits.await(waiting);
        Thread.sleep(20);
        box.set(1);
        consumer.join();

        // one attempt allowed: the first conflict makes the block irrevocable
        TxnConfig once = TxnConfig.builder().maxAttempts(1).build();
        TVar<Integer> hot = new TVar<>(0, "escalating");
        CountDownLatch aRead = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Thread a = new Thread(() -> atomic(once, () -> {
            int v = hot.get();
            if (attempts.incrementAndGet() == 1) {
                aRead.countDown();
                Waits.await(bDone);
            }
            hot.set(v + 1);
        }));
        a.start();
        Waits.await(aRead);
        atomic(() -> hot.set(hot.get() + 10));
        bDone.countDown();
        a.join();

        ConflictReport r = Stm.conflicts();
        assertTrue(r.aborts(AbortCause.RETRY) >= 1, r.toString());
        ConflictReport.Entry retry = r.entries().stream().filter(x -> x.retries() > 0).findFirst().orElseThrow();
        assertNull(retry.structure(), "a retry is no conflict: " + retry);
        ConflictReport.Entry escalated = r.entries().stream().filter(x -> "escalating".equals(x.structure()))
                .findFirst().orElseThrow(() -> new AssertionError(r.toString()));
        assertEquals(1, escalated.irrevocableEscalations(), escalated.toString());
        assertEquals(2, escalated.attempts(), escalated.toString());
    }

    @Test
    void anAttemptThatCannotBecomeIrrevocableIsLostOnTheToken() throws InterruptedException {
        Stm.resetConflicts();
        Stm.setConflictReporting(true);
        TVar<Integer> v = new TVar<>(0);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch tried = new CountDownLatch(1);
        Thread holder = new Thread(() -> atomic(TxnConfig.builder().irrevocable(true).build(), () -> {
            v.set(v.get() + 1);
            holding.countDown();
            Waits.await(tried);
        }));
        holder.start();
        Waits.await(holding);
        Thread upgrader = new Thread(() -> atomic(() -> {
            Stm.afterAbort(tried::countDown); // the holder lets go only once this attempt was rolled back
            Stm.becomeIrrevocable();           // the holder has the token: this attempt aborts
            v.set(v.get() + 10);
        }));
        upgrader.start();
        upgrader.join();
        holder.join();
        assertEquals(11, (int) v.get());
        ConflictReport r = Stm.conflicts();
        assertTrue(r.aborts(AbortCause.IRREVOCABLE_UPGRADE) >= 1, r.toString());
        assertTrue(r.entries().stream().anyMatch(e -> "the irrevocability token".equals(e.structure())), r.toString());
    }

    /** After a reset, a thread's next abort of the same kind is counted in the new report (not in a forgotten row). */
    @Test
    void aResetDoesNotLoseTheNextAbortOfTheSameKind() throws InterruptedException {
        Stm.resetConflicts();
        Stm.setConflictReporting(true);
        TVar<Integer> hot = new TVar<>(0, "again");
        CountDownLatch[] aRead = {new CountDownLatch(1), new CountDownLatch(1)};
        CountDownLatch[] bDone = {new CountDownLatch(1), new CountDownLatch(1)};
        Thread a = new Thread(() -> {
            for (int r = 0; r < 2; r++) {
                int round = r;
                AtomicInteger attempts = new AtomicInteger();
                atomic(() -> {
                    int v = hot.get();
                    if (attempts.incrementAndGet() == 1) {
                        aRead[round].countDown();
                        Waits.await(bDone[round]);
                    }
                    hot.set(v + 1);
                });
            }
        });
        a.start();
        for (int r = 0; r < 2; r++) {
            Waits.await(aRead[r]);
            if (r == 1) {
                Stm.resetConflicts(); // round 0's abort is recorded; round 1's is of the same kind
            }
            atomic(() -> hot.set(hot.get() + 10));
            bDone[r].countDown();
        }
        a.join();
        assertEquals(22, (int) hot.get());
        ConflictReport r = Stm.conflicts();
        assertEquals(1, r.entries().stream().filter(e -> "again".equals(e.structure())).mapToLong(e -> e.aborts()).sum(),
                "round 1's abort, after the reset:\n" + r);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Stm.conflicts().format(-1));
        assertTrue(Stm.conflicts().format(0).startsWith("stm4j conflict report"));
    }

    @Test
    void printedToStandardErrorAtExitWithTheProperty() {
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Dstm4j.conflictReport=true"), ConflictingMain.class);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.output.contains("stm4j conflict report"), r.toString());
        assertTrue(r.output.contains("exit-hot"), r.toString());
        assertTrue(r.output.contains("ConflictingMain"), r.toString());
    }

    /** Two threads that conflict on one TVar, run in a fresh JVM with the report's property (no JUnit there). */
    static final class ConflictingMain {
        public static void main(String[] args) throws InterruptedException {
            TVar<Integer> hot = new TVar<>(0, "exit-hot");
            CountDownLatch aRead = new CountDownLatch(1);
            CountDownLatch bDone = new CountDownLatch(1);
            AtomicInteger attempts = new AtomicInteger();
            Thread a = new Thread(() -> atomic(() -> {
                int v = hot.get();
                if (attempts.incrementAndGet() == 1) {
                    aRead.countDown();
                    Waits.await(bDone);
                }
                hot.set(v + 1);
            }));
            a.start();
            Waits.await(aRead);
            atomic(() -> hot.set(hot.get() + 10));
            bDone.countDown();
            a.join();
        }
    }
}
