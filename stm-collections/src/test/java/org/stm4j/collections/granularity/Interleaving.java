package org.stm4j.collections.granularity;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;

/**
 * A deterministic two-transaction interleaving, for showing what conflicts and what does not.
 *
 * <pre>
 *   thread A:  atomic { opA ──── [wait until B has committed] ──── thenA; write a private TVar }
 *   thread B:                 atomic { opB }  (commits while A is open)
 * </pre>
 *
 * A's block counts its runs; only its first run waits (so a re-run cannot block). B starts after
 * A has done {@code opA}, and commits before A continues. A then does {@code thenA} (a read that
 * may observe B, or nothing) and writes a TVar of its own, so that A is an updating transaction
 * whose commit must validate everything it read. If B's commit invalidated a read of A, A's first
 * run aborts (at a later read, or at commit validation) and the block runs again: {@link
 * Outcome#aRuns()} is 2. If it did not, A commits at once: 1. Nothing here depends on timing —
 * the order is forced by latches — so an assertion on {@code aRuns} is deterministic.
 *
 * <p>The {@link Stm#stats()} difference over the interleaving is returned too: no other
 * transactions run meanwhile (the tests of this module run one at a time), so its conflict
 * aborts must equal the re-runs counted in the blocks. Thread B is kept alive until the
 * difference is taken (per-thread counters of a dead thread may be missing for a moment).
 */
final class Interleaving {

    private static final long WAIT_SECONDS = 30;

    /** What happened: how many times each block ran, and the statistics difference. */
    record Outcome(int aRuns, int bRuns, StmStats stats) {
        /** Re-runs of A and B together, by the counters in the blocks. */
        int reRuns() {
            return aRuns - 1 + bRuns - 1;
        }

        @Override
        public String toString() {
            return "A ran " + aRuns + "x, B ran " + bRuns + "x; " + stats;
        }
    }

    private Interleaving() {
    }

    /** Asserts that A ran once (no conflict) and B, committing first, once: {@code what} must not conflict. */
    static void once(Outcome o, String what) {
        if (o.aRuns() != 1 || o.bRuns() != 1) {
            throw new AssertionError(o.aRuns() != 1 ? what + " must not conflict: " + o
                    : "B (committing first) must not re-run: " + o);
        }
    }

    /** Asserts that A ran twice (one conflict) and B, committing first, once: the positive control. */
    static void twice(Outcome o, String what) {
        if (o.aRuns() != 2 || o.bRuns() != 1) {
            throw new AssertionError(o.aRuns() != 2 ? what + " must conflict (positive control): " + o
                    : "B (committing first) must not re-run: " + o);
        }
    }

    /** {@link #run(Runnable, Runnable, Runnable)} with nothing read after B's commit. */
    static Outcome run(Runnable opA, Runnable opB) {
        return run(opA, opB, () -> { });
    }

    /**
     * Runs A = {@code opA; thenA} with B = {@code opB} committed in between (see the class comment).
     *
     * @throws AssertionError if B does not commit while A waits, or either block throws
     */
    static Outcome run(Runnable opA, Runnable opB, Runnable thenA) {
        return run(opA, opB, thenA, true);
    }

    /**
     * As {@link #run(Runnable, Runnable, Runnable)}, but A writes nothing of its own: if
     * {@code opA} and {@code thenA} only read, A is a read-only transaction, which the engine may
     * commit without a final validation — so what A saw must be consistent by itself (opacity).
     */
    static Outcome runReadOnly(Runnable opA, Runnable opB, Runnable thenA) {
        return run(opA, opB, thenA, false);
    }

    private static Outcome run(Runnable opA, Runnable opB, Runnable thenA, boolean aWrites) {
        AtomicInteger aRuns = new AtomicInteger();
        AtomicInteger bRuns = new AtomicInteger();
        CountDownLatch aOpened = new CountDownLatch(1);
        CountDownLatch bCommitted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<Throwable> bFailure = new AtomicReference<>();
        TVar<Integer> mine = new TVar<>(0, "A's own");
        StmStats before = Stm.stats();

        Thread b = new Thread(() -> {
            try {
                if (!aOpened.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new AssertionError("A never reached its wait");
                }
                Stm.atomic(() -> {
                    bRuns.incrementAndGet();
                    opB.run();
                });
            } catch (Throwable e) {
                bFailure.set(e);
            } finally {
                bCommitted.countDown();
            }
            try {
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "interleaving-B");
        b.setDaemon(true);
        b.start();
        StmStats delta;
        try {
            Stm.atomic(() -> {
                int run = aRuns.incrementAndGet();
                opA.run();
                if (run == 1) {
                    aOpened.countDown();
                    awaitB(bCommitted, bFailure);
                }
                thenA.run();
                if (aWrites) {
                    mine.set(run);
                }
            });
            delta = Stm.stats().minus(before);
        } finally {
            release.countDown();
            aOpened.countDown(); // if opA threw, let B end
            join(b);
        }
        if (bFailure.get() != null) {
            throw new AssertionError("B failed: " + bFailure.get(), bFailure.get());
        }
        Outcome outcome = new Outcome(aRuns.get(), bRuns.get(), delta);
        if (delta.conflictAborts() != outcome.reRuns()) {
            throw new AssertionError("Stm.stats() counts " + delta.conflictAborts() + " conflict aborts, the blocks "
                    + outcome.reRuns() + " re-runs: " + outcome);
        }
        return outcome;
    }

    private static void awaitB(CountDownLatch bCommitted, AtomicReference<Throwable> bFailure) {
        try {
            if (!bCommitted.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("B did not commit while A was open (B blocked by an open transaction?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        if (bFailure.get() != null) {
            throw new AssertionError("B failed: " + bFailure.get(), bFailure.get());
        }
    }

    private static void join(Thread t) {
        try {
            t.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
