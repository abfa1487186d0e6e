package org.stm4j.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;

/**
 * Each policy's decision rule against a scripted conflict sequence: {@link FakeTxn}s stand for the
 * transaction and its enemy, and a {@link RecordingPause} shows every wait the rule asks for.
 */
class PolicyRulesTest {
    private final RecordingPause pause = new RecordingPause();

    /** How many consecutive rounds on one lock the policy keeps waiting (up to {@code limit}). */
    private static int roundsWaited(LockRule rule, int limit) {
        int spins = 0;
        while (spins < limit && rule.keepWaiting(spins)) {
            spins++;
        }
        return spins;
    }

    @FunctionalInterface
    private interface LockRule {
        boolean keepWaiting(int spins);
    }

    @Test
    void aggressiveNeverGivesUpNorYieldsAndRestartsAtOnce() {
        AggressiveManager m = new AggressiveManager();
        FakeTxn tx = new FakeTxn();
        assertEquals(400, roundsWaited(s -> m.onLocked(tx, new FakeTxn(), s, true), 400));
        assertFalse(m.yieldsTo(tx, new FakeTxn(), Integer.MAX_VALUE - 1));
        assertEquals(AttemptMode.OPTIMISTIC, m.onAbort(tx.aborts(50), AbortCause.VALIDATION));
    }

    @Test
    void suicideGivesUpAtOnceAndAlwaysYields() {
        SuicideManager m = new SuicideManager();
        FakeTxn tx = new FakeTxn();
        assertEquals(0, roundsWaited(s -> m.onLocked(tx, new FakeTxn(), s, false), 400));
        assertTrue(m.yieldsTo(tx, new FakeTxn(), 0));
        assertEquals(AttemptMode.OPTIMISTIC, m.onAbort(tx.aborts(50), AbortCause.WRITE_LOCKED));
    }

    @Test
    void politeBacksOffExponentiallyForEightRoundsThenWaitsWithoutBackoff() {
        PoliteManager m = new PoliteManager(pause);
        FakeTxn tx = new FakeTxn();
        assertEquals(100, roundsWaited(s -> m.onLocked(tx, null, s, true), 100));
        assertEquals(PoliteManager.POLITE_ROUNDS, pause.pauses.size());
        for (int n = 0; n < PoliteManager.POLITE_ROUNDS; n++) {
            long ceiling = PoliteManager.BASE_NANOS << n;
            long p = pause.pauses.get(n);
            assertTrue(p >= ceiling / 2 && p <= ceiling, "round " + n + " paused " + p + ", ceiling " + ceiling);
        }
        assertEquals(AttemptMode.OPTIMISTIC, m.onAbort(tx.aborts(3), AbortCause.VALIDATION));
    }

    @Test
    void karmaWaitsWhileItsKarmaIsBelowTheEnemysThenHandsOff() {
        KarmaManager m = new KarmaManager(pause);
        FakeTxn weak = new FakeTxn().karma(10);
        FakeTxn strong = new FakeTxn().karma(50);
        // Weaker by 40: backs off 40 fixed rounds (one karma point each), then the hand-off.
        assertEquals(40 + LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(weak, strong, s, false), 1000));
        assertEquals(40, pause.pauses.size());
        assertTrue(pause.pauses.stream().allMatch(p -> p == KarmaManager.BACKOFF_NANOS));
        // The stronger one does not back off: hand-off only, then it aborts itself...
        pause.clear();
        assertEquals(LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(strong, weak, s, true), 1000));
        assertEquals(List.of(), pause.pauses);
        // ...and re-runs with visible reads at priority = karma, which weaker committers yield to.
        assertEquals(AttemptMode.PRIORITY, m.onAbort(strong.aborts(1), AbortCause.WRITE_LOCKED));
        assertEquals(50, m.priorityOf(strong));
        assertTrue(m.yieldsTo(weak, strong, 50));
        assertFalse(m.yieldsTo(strong, weak, 10));
        assertFalse(m.yieldsTo(strong, null, 50), "equal karma: no yield");
        // An unknown holder: hand-off only.
        assertEquals(LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(weak, null, s, false), 1000));
    }

    @Test
    void polkaBacksOffExponentiallyForEachPointOfKarmaGap() {
        PolkaManager m = new PolkaManager(pause);
        FakeTxn weak = new FakeTxn().karma(3);
        FakeTxn strong = new FakeTxn().karma(8);
        assertEquals(5 + LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(weak, strong, s, false), 1000));
        assertEquals(5, pause.pauses.size(), "one back-off per point of karma gap");
        for (int n = 0; n < 5; n++) {
            long ceiling = PolkaManager.BASE_NANOS << n;
            long p = pause.pauses.get(n);
            assertTrue(p >= ceiling / 2 && p <= ceiling, "round " + n + " paused " + p + ", ceiling " + ceiling);
        }
        assertEquals(PolkaManager.MAX_NANOS, PolkaManager.ceilingNanos(40), "capped");
        pause.clear();
        assertEquals(LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(strong, weak, s, true), 1000));
        assertEquals(List.of(), pause.pauses);
        assertEquals(AttemptMode.PRIORITY, m.onAbort(strong.aborts(1), AbortCause.READ_LOCKED));
        assertTrue(m.yieldsTo(weak, strong, 8));
        assertFalse(m.yieldsTo(strong, weak, 3));
    }

    @Test
    void eruptionLendsTheWaitersKarmaToTheHolder() {
        EruptionManager m = new EruptionManager(pause);
        FakeTxn waiter = new FakeTxn().karma(30);
        FakeTxn holder = new FakeTxn().karma(40);
        FakeTxn reader = new FakeTxn().karma(60);
        m.onBegin(holder);
        assertTrue(m.yieldsTo(holder, reader, 60), "before the eruption the holder yields to the stronger reader");
        assertTrue(m.onLocked(waiter, holder, 0, true));
        assertTrue(m.onLocked(waiter, holder, 1, true));
        assertEquals(70, m.strength(holder), "the waiter's karma was added once");
        assertFalse(m.yieldsTo(holder, reader, 60), "boosted, the holder no longer yields to it");
        assertEquals(70, m.priorityOf(holder));
        assertEquals(30, m.strength(waiter));
        // The weaker waits (backing off) as long as the engine lets it.
        assertEquals(400, roundsWaited(s -> m.onLocked(waiter, holder, s, true), 400));
        // The holder's next block starts without the momentum.
        m.onBegin(holder);
        assertEquals(40, m.strength(holder));
        // A transaction not weaker than the holder: hand-off only.
        assertEquals(LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(reader, holder, s, false), 1000));
        assertEquals(AttemptMode.PRIORITY, m.onAbort(reader.aborts(1), AbortCause.READ_LOCKED));
    }

    @Test
    void timestampYoungerWaitsBoundedIntervalsOlderHandsOffAndWinsAtCommit() {
        TimestampManager m = new TimestampManager(pause);
        FakeTxn older = new FakeTxn().ticket(5);
        FakeTxn younger = new FakeTxn().ticket(9);
        assertEquals(TimestampManager.MAX_INTERVALS, roundsWaited(s -> m.onLocked(younger, older, s, false), 1000),
                "then the holder counts as defunct and the younger aborts itself");
        assertTrue(pause.pauses.stream().allMatch(p -> p == TimestampManager.INTERVAL_NANOS));
        assertEquals(TimestampManager.MAX_INTERVALS, pause.pauses.size());
        pause.clear();
        assertEquals(LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(older, younger, s, true), 1000));
        assertEquals(List.of(), pause.pauses);
        assertEquals(AttemptMode.PRIORITY, m.onAbort(older.aborts(1), AbortCause.WRITE_LOCKED));
        assertTrue(m.yieldsTo(younger, older, 1), "a younger committer yields to an older reader");
        assertFalse(m.yieldsTo(older, younger, 99), "an older committer does not yield to a younger reader");
        assertTrue(m.yieldsTo(new FakeTxn(), older, 1), "a block that never aborted is youngest");
    }

    @Test
    void greedyOlderWins() {
        GreedyManager m = new GreedyManager();
        FakeTxn older = new FakeTxn().ticket(3);
        FakeTxn younger = new FakeTxn().ticket(4);
        assertEquals(400, roundsWaited(s -> m.onLocked(younger, older, s, false), 400), "the younger waits");
        assertEquals(400, roundsWaited(s -> m.onLocked(younger, null, s, false), 400), "an unknown holder too");
        assertEquals(LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(older, younger, s, true), 1000),
                "the older only hands off to a younger committer");
        assertEquals(AttemptMode.PRIORITY, m.onAbort(older.aborts(1), AbortCause.WRITE_LOCKED));
        assertTrue(m.yieldsTo(younger, older, 0), "the younger committer yields to the older reader");
        assertFalse(m.yieldsTo(older, younger, Integer.MAX_VALUE - 1), "priority numbers do not matter, age does");
        assertTrue(m.yieldsTo(new FakeTxn(), younger, 0), "a block that never aborted is youngest");
    }

    @Test
    void serializerQueuesAThreadAfterConflictsAndFreesItAfterCommits() {
        SerializerManager m = new SerializerManager(pause);
        FakeTxn a = new FakeTxn();
        FakeTxn b = new FakeTxn();
        m.onBegin(a);
        assertFalse(m.holdsGate(a), "no contention: runs freely");
        m.onAbort(a.aborts(1), AbortCause.VALIDATION);
        assertEquals(SerializerManager.ONE / 2, m.contentionIntensity(a));
        m.onBegin(a);
        assertFalse(m.holdsGate(a), "one abort is below the threshold");
        m.onAbort(a.aborts(2), AbortCause.VALIDATION);
        assertTrue(m.contentionIntensity(a) >= SerializerManager.THRESHOLD);
        m.onBegin(a);
        assertTrue(m.holdsGate(a), "two aborts in a row: serialized");
        assertEquals(List.of(), pause.pauses);

        // b's intensity is high too: it queues behind a until a commits (after 3 pauses here).
        m.onAbort(b.aborts(1), AbortCause.VALIDATION);
        m.onAbort(b.aborts(2), AbortCause.VALIDATION);
        int[] pausesLeft = {3};
        pause.afterEach = () -> {
            if (--pausesLeft[0] == 0) {
                m.onCommit(a);
            }
        };
        m.onBegin(b);
        assertEquals(3, pause.pauses.size());
        assertTrue(m.holdsGate(b));
        assertFalse(m.holdsGate(a));
        // Commits bring the intensity down: two commits and b runs freely again.
        m.onCommit(b);
        m.onCommit(b);
        assertTrue(m.contentionIntensity(b) < SerializerManager.THRESHOLD);
        pause.clear();
        m.onBegin(b);
        assertFalse(m.holdsGate(b));
    }

    @Test
    void serializerGateIsReleasedWhenTheHolderLeavesWithoutCommittingAndWaitsAreBounded() {
        SerializerManager m = new SerializerManager(pause);
        FakeTxn a = new FakeTxn();
        FakeTxn b = new FakeTxn();
        for (FakeTxn t : List.of(a, b)) {
            m.onAbort(t.aborts(1), AbortCause.VALIDATION);
            m.onAbort(t.aborts(2), AbortCause.VALIDATION);
        }
        m.onBegin(a);
        assertTrue(m.holdsGate(a));
        m.onBegin(b); // a never leaves: b waits the bound, then runs unserialized
        assertEquals(Gate.WAIT_ROUNDS, pause.pauses.size());
        assertFalse(m.holdsGate(b));
        m.onLeave(a); // a threw, or waits in retry
        assertFalse(m.holdsGate(a));
        assertEquals(0, a.managerState());
        pause.clear();
        m.onBegin(b);
        assertTrue(m.holdsGate(b));
        assertEquals(List.of(), pause.pauses);
    }

    @Test
    void hourglassGatesOthersOnceOneTransactionExceedsTheAbortThreshold() {
        HourglassManager m = new HourglassManager(pause);
        FakeTxn toxic = new FakeTxn();
        FakeTxn other = new FakeTxn();
        m.onAbort(toxic.aborts(1), AbortCause.VALIDATION);
        assertEquals(0, m.holder(), "one abort is not toxic");
        m.onBegin(other);
        assertEquals(List.of(), pause.pauses);
        m.onAbort(toxic.aborts(HourglassManager.THRESHOLD), AbortCause.VALIDATION);
        assertEquals(toxic.id(), m.holder(), "toxic: takes the hourglass");
        m.onBegin(toxic);
        assertEquals(List.of(), pause.pauses, "the holder itself is not gated");

        int[] pausesLeft = {5};
        pause.afterEach = () -> {
            if (--pausesLeft[0] == 0) {
                m.onCommit(toxic);
            }
        };
        m.onBegin(other);
        assertEquals(5, pause.pauses.size(), "others may not begin until the toxic transaction commits");
        assertEquals(0, m.holder());
        assertEquals(0, toxic.managerState());

        // A holder that never commits gates others only for a bounded time; leaving releases it.
        pause.clear();
        pause.afterEach = () -> { };
        m.onAbort(toxic.aborts(HourglassManager.THRESHOLD), AbortCause.VALIDATION);
        m.onBegin(other);
        assertEquals(Gate.WAIT_ROUNDS, pause.pauses.size());
        m.onLeave(toxic);
        assertEquals(0, m.holder());
    }

    @Test
    void comprehensiveRaisesPriorityPerAbortYieldsToHigherAndIsIrrevocableAtTheTop() {
        ComprehensiveManager m = new ComprehensiveManager(pause);
        FakeTxn tx = new FakeTxn();
        int p = ComprehensiveManager.PRIORITY_FROM;
        for (int aborts = 1; aborts <= p; aborts++) {
            assertEquals(AttemptMode.OPTIMISTIC, m.onAbort(tx.aborts(aborts), AbortCause.VALIDATION));
        }
        int last = 0;
        for (int aborts = p + 1; aborts < p + ComprehensiveManager.TOP_PRIORITY; aborts++) {
            assertEquals(AttemptMode.PRIORITY, m.onAbort(tx.aborts(aborts), AbortCause.VALIDATION));
            int priority = m.priorityOf(tx);
            assertEquals(last + 1, priority, "one more per abort");
            last = priority;
        }
        assertEquals(AttemptMode.IRREVOCABLE,
                m.onAbort(tx.aborts(p + ComprehensiveManager.TOP_PRIORITY), AbortCause.VALIDATION));
        // Randomized exponential backoff between attempts, capped.
        assertEquals(p + ComprehensiveManager.TOP_PRIORITY - 1, pause.pauses.size());
        for (int i = 0; i < pause.pauses.size(); i++) {
            long ceiling = Math.min(ComprehensiveManager.MAX_NANOS, ComprehensiveManager.BASE_NANOS << i);
            assertTrue(pause.pauses.get(i) >= ceiling / 2 && pause.pauses.get(i) <= ceiling);
        }
        FakeTxn committer = new FakeTxn();
        committer.priority = 2;
        assertTrue(m.yieldsTo(committer, 3));
        assertFalse(m.yieldsTo(committer, 2));
        assertEquals(LazyMapping.HANDOFF_ROUNDS, roundsWaited(s -> m.onLocked(committer, null, s, true), 1000));
    }
}
