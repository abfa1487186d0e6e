package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * opposite list transfers do) under a manager that always says "keep waiting". Each may hold one
 * lock and wait for the other's: a cycle. The engine must break it quickly — a committer that holds
 * locks waits at most {@link Backoff#GIVE_UP_HOLDING_LOCKS} rounds — not after the whole
 * {@link Backoff#GIVE_UP} budget (about 0.3 s) that bounds waiting by a committer holding nothing.
 */
class LockOrderStallTest {

    /**
     * Always waits. Tracks who waits for whom (the engine passes the lock's owner), so it can tell a
     * cycle — each committer waiting for the other — and record how long waits in a cycle got.
     */
    static final class AlwaysWait implements ContentionManager {
        final java.util.Map<TxnView, TxnView> waitsFor = new java.util.concurrent.ConcurrentHashMap<>();
        final AtomicInteger cycles = new AtomicInteger();
        final AtomicInteger longestWaitInCycle = new AtomicInteger();

        @Override
        public String name() {
            return "always-wait";
        }

        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            waitsFor.remove(tx);
            return AttemptMode.OPTIMISTIC;
        }

        @Override
        public void onCommit(TxnView tx) {
            waitsFor.remove(tx);
        }

        @Override
        public boolean onLocked(TxnView tx, TxnView owner, int spins, boolean atCommit) {
            if (atCommit && owner != null) {
                waitsFor.put(tx, owner);
                if (waitsFor.get(owner) == tx) {
                    if (spins == 0) {
                        cycles.incrementAndGet();
                    }
                    longestWaitInCycle.accumulateAndGet(spins, Math::max);
                }
            }
            return true;
        }
    }

    @Test
    void oppositeLockOrdersDoNotStallUnderAManagerThatAlwaysWaits() throws Exception {
        AlwaysWait manager = new AlwaysWait();
        TxnConfig config = TxnConfig.builder().contentionManager(manager).build();
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> b = new TVar<>(0);
        int rounds = 200_000;
        Runnable forward = () -> run(config, manager, a, b, rounds);
        Runnable backward = () -> run(config, manager, b, a, rounds);
        Thread t1 = new Thread(forward);
        Thread t2 = new Thread(backward);
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        assertTrue(manager.longestWaitInCycle.get() <= Backoff.GIVE_UP_HOLDING_LOCKS,
                "a committer holding a lock waited " + manager.longestWaitInCycle.get()
                        + " rounds for the other's lock (bound " + Backoff.GIVE_UP_HOLDING_LOCKS + ")");
        assertEquals(a.get(), b.get(), "every commit wrote both");
        assertTrue(manager.cycles.get() > 0, "no lock-order cycle formed in " + rounds + " rounds: the test proved nothing");
    }

    private static void run(TxnConfig config, AlwaysWait manager, TVar<Integer> first, TVar<Integer> second,
            int rounds) {
        // private TVars locked between the two shared ones widen the window in which a committer
        // holds its first lock and not yet its last, so the two lock orders cross often
        java.util.List<TVar<Integer>> own = new java.util.ArrayList<>();
        for (int i = 0; i < 32; i++) {
            own.add(new TVar<>(0));
        }
        for (int r = 0; r < rounds && manager.longestWaitInCycle.get() <= Backoff.GIVE_UP_HOLDING_LOCKS; r++) {
            Stm.atomic(config, () -> {
                first.set(first.get() + 1);
                for (TVar<Integer> v : own) {
                    v.set(v.get() + 1);
                }
                second.set(second.get() + 1);
            });
        }
    }
}
