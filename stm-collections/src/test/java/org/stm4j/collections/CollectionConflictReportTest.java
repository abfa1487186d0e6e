package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stm4j.testkit.Waits;
import org.stm4j.AbortCause;
import org.stm4j.ConflictReport;
import org.stm4j.Stm;
import org.stm4j.StmStats;

/**
 * Issue 15: for a deliberately conflicting pair of blocks in two threads the conflict report names
 * the structure, the key or index, and both call sites; its counts are the statistics' counts.
 */
class CollectionConflictReportTest {

    @AfterEach
    void off() {
        Stm.setConflictReporting(false);
        Stm.resetConflicts();
    }

    /**
     * A runs {@code a} in a block; on its first attempt, after {@code a}'s reads ({@code a} calls
     * the given hook between reading and writing), it waits for B's block {@code b} to commit, so
     * A's attempt is rolled back. Returns the lines of the two {@code atomic} calls.
     */
    private static int[] pair(java.util.function.Consumer<Runnable> a, Runnable b) throws InterruptedException {
        CountDownLatch aRead = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        Runnable pause = () -> {
            if (attempts.incrementAndGet() == 1) {
                aRead.countDown();
                Waits.await(bDone);
            }
        };
        int[] lines = new int[2];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread ta = new Thread(() -> {
            lines[0] = Waits.here(); atomic(() -> a.accept(pause));
        });
        Thread tb = new Thread(() -> {
            Waits.await(aRead);
            lines[1] = Waits.here(); atomic(b);
            bDone.countDown();
        });
        for (Thread t : List.of(ta, tb)) {
            t.setUncaughtExceptionHandler((x, e) -> failure.set(e));
            t.start();
        }
        ta.join();
        tb.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertTrue(attempts.get() >= 2, "A was rolled back");
        return lines;
    }

    private static ConflictReport.Entry entryFor(String structure) {
        ConflictReport r = Stm.conflicts();
        return r.entries().stream().filter(e -> structure.equals(e.structure())).findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + structure + " in\n" + r));
    }

    private static void assertSites(ConflictReport.Entry e, int[] lines) {
        String me = CollectionConflictReportTest.class.getName() + ".lambda$pair$";
        assertTrue(e.site().startsWith(me) && e.site().endsWith("CollectionConflictReportTest.java:" + lines[0] + ")"),
                e + " expected A's atomic at line " + lines[0]);
        assertTrue(e.winnerSite() != null && e.winnerSite().endsWith("CollectionConflictReportTest.java:" + lines[1] + ")"),
                e + " expected B's atomic at line " + lines[1]);
    }

    @Test
    void dictKey() throws InterruptedException {
        Stm.setConflictReporting(true);
        TDict<Integer, Long> accounts = new TDict<>("accounts");
        for (int k = 0; k < 32; k++) {
            accounts.put(k, 100L);
        }
        Stm.resetConflicts();
        StmStats before = Stm.stats();
        int[] lines = pair(pause -> {
            long v = accounts.get(17);
            pause.run();
            accounts.put(17, v - 1);
            accounts.put(3, accounts.get(3) + 1);
        }, () -> accounts.put(17, accounts.get(17) + 10));
        StmStats during = Stm.stats().minus(before);
        assertEquals(109L, (long) accounts.get(17));
        ConflictReport.Entry e = entryFor("TDict accounts, key 17");
        assertSites(e, lines);
        assertTrue(e.aborts() >= 1 && e.attempts() >= 2, e.toString());
        ConflictReport r = Stm.conflicts();
        for (AbortCause c : AbortCause.values()) {
            assertEquals(during.aborts(c), r.aborts(c), c + ": report\n" + r + "\nstats " + during);
        }
    }

    @Test
    void listIndexAndSize() throws InterruptedException {
        Stm.setConflictReporting(true);
        TList<String> inbox = new TList<>("inbox");
        inbox.extend(List.of("a", "b", "c", "d", "e"));
        int[] lines = pair(pause -> {
            String s = inbox.getItem(3);
            pause.run();
            inbox.setItem(3, s + "!");
        }, () -> inbox.setItem(3, inbox.getItem(3) + "?"));
        assertEquals("d?!", inbox.getItem(3));
        assertSites(entryFor("TList inbox, index 3"), lines);

        Stm.resetConflicts();
        int[] appends = pair(pause -> {
            int n = inbox.len();
            pause.run();
            inbox.append("from A " + n);
        }, () -> inbox.append("from B"));
        assertEquals(7, inbox.len());
        assertSites(entryFor("TList inbox, size"), appends);
    }

    /**
     * A collection operation run on its own (outside any block) is located at the application's line
     * that called it, not inside the collection; a winner that was such an operation is named as one.
     */
    @Test
    void operationOutsideABlockIsLocatedAtItsCaller() throws InterruptedException {
        Stm.setConflictReporting(true);
        TDict<Integer, Long> accounts = new TDict<>("ledger");
        accounts.put(17, 0L);
        Stm.resetConflicts();
        CountDownLatch aRead = new CountDownLatch(1);
        CountDownLatch bDone = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        int[] line = new int[1];
        Thread a = new Thread(() -> {
            line[0] = Waits.here(); accounts.compute(17, (k, v) -> {
                if (calls.incrementAndGet() == 1) {
                    aRead.countDown();
                    Waits.await(bDone);
                }
                return v + 1;
            });
        });
        a.start();
        Waits.await(aRead);
        accounts.put(17, 100L); // outside any block: its own transaction, which wins
        bDone.countDown();
        a.join();
        assertEquals(101L, (long) accounts.get(17));
        ConflictReport.Entry e = entryFor("TDict ledger, key 17");
        assertTrue(e.site().endsWith("CollectionConflictReportTest.java:" + line[0] + ")"),
                e + " expected the compute call at line " + line[0]);
        assertEquals("a collection operation outside a transaction", e.winnerSite(), e.toString());
    }

    @Test
    void offNamesNothing() throws InterruptedException {
        TDict<Integer, Long> accounts = new TDict<>("quiet");
        accounts.put(17, 0L);
        Stm.resetConflicts();
        pair(pause -> {
            long v = accounts.get(17);
            pause.run();
            accounts.put(17, v + 1);
        }, () -> accounts.put(17, accounts.get(17) + 10));
        assertTrue(Stm.conflicts().entries().isEmpty(), Stm.conflicts().toString());
    }

}
