package org.stm4j.collections;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.stm4j.TVar;

/**
 * SPEC "Conflict granularity" for TList, made deterministic with latches: transaction A runs its
 * first part, then (while A is paused inside its first attempt) B commits, then A finishes with a
 * write, so its commit validates everything it read. A block that ran once did not conflict; the
 * control cases (A reads what B writes) show the harness does detect conflicts.
 */
class TListConflictTest {

    /**
     * Runs A = {@code first} + {@code rest} + a write to a private TVar as one transaction on another
     * thread; during A's first attempt, after {@code first}, B commits. Returns A's attempts.
     */
    private static int attemptsOfA(Runnable first, Runnable b, Runnable rest) throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstDone = new CountDownLatch(1);
        CountDownLatch bCommitted = new CountDownLatch(1);
        TVar<Integer> sink = new TVar<>(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread a = new Thread(() -> {
            try {
                atomic(() -> {
                    int attempt = attempts.incrementAndGet();
                    first.run();
                    if (attempt == 1) {
                        firstDone.countDown();
                        awaitUninterruptibly(bCommitted);
                    }
                    rest.run();
                    sink.set(attempt); // an update transaction: its commit validates its reads
                });
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        a.start();
        assertTrue(firstDone.await(10, SECONDS), "A did not reach the pause");
        b.run();
        bCommitted.countDown();
        a.join(10_000);
        assertFalse(a.isAlive());
        if (failure.get() != null) {
            throw new AssertionError("A failed", failure.get());
        }
        return attempts.get();
    }

    private static int attemptsOfA(Runnable first, Runnable b) throws Exception {
        return attemptsOfA(first, b, () -> { });
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static TList<Integer> abc() {
        return TList.of(1, 2, 3);
    }

    // ---------------------------------------------------------------------------------------------
    // No conflict
    // ---------------------------------------------------------------------------------------------

    @Test
    void readingAnElementDoesNotConflictWithAppend() throws Exception {
        TList<Integer> l = abc();
        assertEquals(1, attemptsOfA(() -> l.getItem(0), () -> l.append(4)));
        assertEquals(1, attemptsOfA(() -> l.get(1), () -> l.append(5)));
        assertEquals(5, l.len());
    }

    @Test
    void readingAnElementDoesNotConflictWithPopAtTheEnd() throws Exception {
        TList<Integer> l = abc();
        assertEquals(1, attemptsOfA(() -> l.getItem(0), l::pop));
        assertEquals(List.of(1, 2), l);
    }

    @Test
    void aReaderThatExtendsItsSnapshotPastAnAppendCommitsOnce() throws Exception {
        TList<Integer> l = abc();
        AtomicInteger last = new AtomicInteger();
        assertEquals(1, attemptsOfA(() -> l.getItem(0), () -> l.append(4), () -> last.set(l.getItem(-1))));
        assertEquals(4, last.get());
    }

    @Test
    void writesToDifferentIndicesDoNotConflict() throws Exception {
        TList<Integer> l = abc();
        assertEquals(1, attemptsOfA(() -> l.setItem(0, 10), () -> l.setItem(1, 20)));
        assertEquals(1, attemptsOfA(() -> l.set(2, 30), () -> l.set(1, 21)));
        assertEquals(List.of(10, 21, 30), l);
    }

    @Test
    void aWriteToAnElementDoesNotConflictWithAppend() throws Exception {
        TList<Integer> l = abc();
        assertEquals(1, attemptsOfA(() -> l.setItem(0, 10), () -> l.append(4)));
        assertEquals(List.of(10, 2, 3, 4), l);
    }

    @Test
    void appendsToDifferentListsDoNotConflict() throws Exception {
        TList<Integer> l1 = abc();
        TList<Integer> l2 = abc();
        assertEquals(1, attemptsOfA(() -> l1.append(4), () -> l2.append(4)));
        assertEquals(1, attemptsOfA(() -> l1.pop(), () -> l2.pop()));
        assertEquals(List.of(1, 2, 3), l1);
        assertEquals(List.of(1, 2, 3), l2);
    }

    @Test
    void prefixReadsDoNotConflictWithAppend() throws Exception {
        TList<Integer> l = abc();
        assertEquals(1, attemptsOfA(() -> assertFalse(l.isEmpty()), () -> l.append(4)));
        assertEquals(1, attemptsOfA(() -> assertTrue(l.contains(2)), () -> l.append(5)));
        assertEquals(1, attemptsOfA(() -> assertEquals(1, l.index(2)), () -> l.append(6)));
        assertEquals(1, attemptsOfA(() -> assertEquals(List.of(1, 2), l.slice(0, 2, null)), () -> l.append(7)));
        assertEquals(1, attemptsOfA(() -> {
            Iterator<Integer> it = l.iterator();
            it.next();
            it.next();
        }, () -> l.append(8)));
    }

    // ---------------------------------------------------------------------------------------------
    // Controls: inherent conflicts are detected by the same harness
    // ---------------------------------------------------------------------------------------------

    @Test
    void readingTheSizeConflictsWithAppend() throws Exception {
        TList<Integer> l = abc();
        assertEquals(2, attemptsOfA(l::len, () -> l.append(4)));
        assertEquals(2, attemptsOfA(() -> l.getItem(-1), () -> l.append(5)));
    }

    @Test
    void readingAnElementConflictsWithAWriteToIt() throws Exception {
        TList<Integer> l = abc();
        assertEquals(2, attemptsOfA(() -> l.getItem(1), () -> l.setItem(1, 20)));
        assertEquals(2, attemptsOfA(() -> l.contains(3), l::pop)); // the re-run finds 3 gone
    }

    @Test
    void twoAppendsToOneListConflict() throws Exception {
        TList<Integer> l = abc();
        assertEquals(2, attemptsOfA(() -> l.append(4), () -> l.append(5)));
        assertEquals(List.of(1, 2, 3, 5, 4), l);
    }
}
