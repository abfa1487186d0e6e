package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stm4j.AbortCause;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * Two committers lock their write sets in opposite orders ({@code a, b} against {@code b, a}, as
 * opposite list transfers do) under a manager that always says "keep waiting", and each holds one
 * lock while it waits for the other's: a cycle. The engine must break it quickly — a committer that
 * holds locks waits at most {@link Backoff#GIVE_UP_HOLDING_LOCKS} rounds — not after the whole
 * {@link Backoff#GIVE_UP} budget (about 0.3 s) that bounds waiting by a committer holding nothing.
 *
 * <p>The cycle is built deterministically: each write set has a gate TVar between its two shared
 * ones ({@code a, gate1, b} and {@code b, gate2, a}), locked beforehand by a fake owner. Each
 * committer locks its first shared TVar, meets its gate and is held inside the manager's
 * {@code onLocked} until both are there; then the gates open, and each committer's next lock is the
 * one the other holds.
 */
class LockOrderStallTest {

    /** A lock word of an owner that is no transaction. */
    private static final long FAKE_OWNER = Meta.lockedBy(1L << 40);

    /** Always waits; holds both committers at their gates until both have their first lock. */
    static final class AlwaysWait implements ContentionManager {
        final CountDownLatch bothAtGates = new CountDownLatch(2);
        final AtomicBoolean gatesOpen = new AtomicBoolean();
        final AtomicInteger longestWaitForTheOther = new AtomicInteger();
        /** What the manager was asked, for the failure message: calls by kind. */
        final java.util.concurrent.ConcurrentLinkedQueue<String> asked = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final TVar<?>[] gates;

        AlwaysWait(TVar<?>... gates) {
            this.gates = gates;
        }

        @Override
        public String name() {
            return "always-wait";
        }

        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            return AttemptMode.OPTIMISTIC;
        }

        @Override
        public boolean onLocked(TxnView tx, TxnView owner, int spins, boolean atCommit) {
            if (asked.size() < 64) {
                asked.add("tx " + tx.id() + " attempt " + tx.attempt() + " owner " + (owner == null ? null : owner.id())
                        + " spins " + spins + " atCommit " + atCommit + " gatesOpen " + gatesOpen.get());
            }
            if (owner == null && !gatesOpen.get()) { // held at a gate
                if (spins == 0) {
                    bothAtGates.countDown();
                    try {
                        assertTrue(bothAtGates.await(10, TimeUnit.SECONDS), "the other committer never reached its gate");
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    if (gatesOpen.compareAndSet(false, true)) {
                        for (TVar<?> gate : gates) {
                            Cells.META.setRelease(gate, Meta.INITIAL);
                        }
                    }
                }
            } else if (owner != null && atCommit && tx.attempt() == 1) { // first attempts: the cycle itself
                longestWaitForTheOther.accumulateAndGet(spins, Math::max);
            }
            return true;
        }
    }

    @Test
    void oppositeLockOrdersDoNotStallUnderAManagerThatAlwaysWaits() throws Exception {
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> b = new TVar<>(0);
        TVar<Integer> gate1 = new TVar<>(0);
        TVar<Integer> gate2 = new TVar<>(0);
        Cells.META.setRelease(gate1, FAKE_OWNER);
        Cells.META.setRelease(gate2, FAKE_OWNER);
        AlwaysWait manager = new AlwaysWait(gate1, gate2);
        TxnConfig config = TxnConfig.builder().contentionManager(manager).build();
        Thread t1 = new Thread(() -> writeBoth(config, a, gate1, b, 1));
        Thread t2 = new Thread(() -> writeBoth(config, b, gate2, a, 2));
        long start = System.nanoTime();
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(manager.gatesOpen.get(), "the cycle was never set up");
        assertTrue(manager.longestWaitForTheOther.get() > 0, "no committer met the other's lock: no cycle formed; asked: "
                + manager.asked);
        assertTrue(manager.longestWaitForTheOther.get() < Backoff.GIVE_UP_HOLDING_LOCKS,
                "a committer holding a lock waited " + manager.longestWaitForTheOther.get()
                        + " rounds for the other's lock (bound " + Backoff.GIVE_UP_HOLDING_LOCKS + "), " + tookMillis + " ms");
        assertEquals(a.get(), b.get(), "one commit's writes, not a mixture");
    }

    /** A manager that throws while the committer holds locks must not leave them held. */
    @Test
    void aManagerThatThrowsAtCommitLeavesNoLockHeld() {
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> gate = new TVar<>(0);
        Cells.META.setRelease(gate, FAKE_OWNER);
        ContentionManager throwing = new ContentionManager() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public AttemptMode onAbort(TxnView tx, AbortCause cause) {
                return AttemptMode.OPTIMISTIC;
            }

            @Override
            public boolean onLocked(TxnView tx, TxnView owner, int spins, boolean atCommit) {
                throw new IllegalStateException("manager failure");
            }
        };
        TxnConfig config = TxnConfig.builder().contentionManager(throwing).build();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Stm.atomic(config, () -> {
                    a.set(1);
                    gate.set(1);
                }));
        assertEquals("manager failure", e.getMessage());
        assertEquals(0L, (long) Cells.META.getVolatile(a) & Meta.LOCKED, "the commit's lock on a leaked");
        Cells.META.setRelease(gate, Meta.INITIAL);
        Stm.atomic(() -> a.set(2)); // and the TVar is usable
        assertEquals(2, a.get());
    }

    /** Blind writes: neither committer reads what the other holds, so only the commit locks meet. */
    private static void writeBoth(TxnConfig config, TVar<Integer> first, TVar<Integer> gate, TVar<Integer> second,
            int value) {
        Stm.atomic(config, () -> {
            first.set(value);
            gate.set(value);
            second.set(value);
        });
    }
}
