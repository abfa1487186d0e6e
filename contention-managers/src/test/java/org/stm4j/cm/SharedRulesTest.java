package org.stm4j.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;

/**
 * The pieces the policy families share ({@link ExponentialBackoff}, {@link KarmaOrder},
 * {@link TicketOrder}, {@link Gate}'s polling wait), pinned on their own.
 */
class SharedRulesTest {
    private final RecordingPause pause = new RecordingPause();

    @Test
    void exponentialBackoffDrawsBelowADoublingCappedCeiling() {
        ExponentialBackoff jittered = ExponentialBackoff.jittered(1_000, 20_000, pause);
        ExponentialBackoff uniform = ExponentialBackoff.uniform(1_000, 20_000, pause);
        long[] ceilings = {1_000, 2_000, 4_000, 8_000, 16_000, 20_000, 20_000};
        for (int round = 0; round < ceilings.length; round++) {
            assertEquals(ceilings[round], jittered.ceilingNanos(round));
            for (int i = 0; i < 200; i++) {
                long j = jittered.drawNanos(round);
                long u = uniform.drawNanos(round);
                assertTrue(j >= ceilings[round] / 2 && j <= ceilings[round], "jittered round " + round + ": " + j);
                assertTrue(u >= 0 && u <= ceilings[round], "uniform round " + round + ": " + u);
            }
        }
        assertEquals(20_000, jittered.ceilingNanos(10_000), "no overflow far past the cap");
        assertEquals(1_000, jittered.ceilingNanos(-3), "a negative round counts as 0");
        jittered.backOff(2);
        assertEquals(1, pause.pauses.size(), "one wait per round, through the policy's Pause");
        assertThrows(IllegalArgumentException.class, () -> ExponentialBackoff.jittered(0, 10, pause));
        assertThrows(IllegalArgumentException.class, () -> ExponentialBackoff.uniform(10, 5, pause));
    }

    @Test
    void backoffWaitsUniformlyBelowItsCeilingAfterEachAbort() {
        BackoffManager m = new BackoffManager(1_000, 8_000, pause);
        FakeTxn tx = new FakeTxn();
        for (int aborts = 1; aborts <= 6; aborts++) {
            assertEquals(AttemptMode.OPTIMISTIC, m.onAbort(tx.aborts(aborts), AbortCause.VALIDATION));
            long ceiling = Math.min(8_000, 1_000L << aborts);
            long p = pause.pauses.get(aborts - 1);
            assertTrue(p >= 0 && p <= ceiling, "abort " + aborts + " waited " + p + ", ceiling " + ceiling);
        }
        assertEquals(6, pause.pauses.size());
    }

    @Test
    void karmaOrderBacksOffOneRoundPerPointOfGapThenHandsOff() {
        FakeTxn weak = new FakeTxn();
        FakeTxn strong = new FakeTxn();
        weak.karma = 3;
        strong.karma = 7;
        assertEquals(4, KarmaOrder.gap(weak, strong));
        assertEquals(0, KarmaOrder.gap(strong, weak));
        assertEquals(0, KarmaOrder.gap(weak, null), "an unknown holder gets the hand-off only");
        StringBuilder rounds = new StringBuilder();
        int spins = 0;
        while (spins < 1_000 && KarmaOrder.onLocked(weak, strong, spins, r -> rounds.append(r))) {
            spins++;
        }
        assertEquals(4 + LazyMapping.HANDOFF_ROUNDS, spins);
        assertEquals("0123", rounds.toString(), "the rounds of the gap, numbered from 0");
        assertTrue(KarmaOrder.yieldsTo(weak, strong, 0));
        assertFalse(KarmaOrder.yieldsTo(strong, weak, 0));
        assertTrue(KarmaOrder.yieldsTo(weak, null, 4), "an unknown reader by its published priority");
        assertFalse(KarmaOrder.yieldsTo(weak, null, 3), "equal karma does not yield");
        strong.karma = Long.MAX_VALUE;
        assertEquals(Integer.MAX_VALUE - 1, KarmaOrder.priorityOf(strong));
    }

    @Test
    void ticketOrderIsStrictAndAnUnknownHolderIsNeverYounger() {
        FakeTxn old = new FakeTxn();
        FakeTxn young = new FakeTxn();
        old.ticket = 5;
        young.ticket = 9;
        assertTrue(TicketOrder.olderThan(old, young));
        assertFalse(TicketOrder.olderThan(young, old));
        assertFalse(TicketOrder.olderThan(old, old), "strictly older");
        assertFalse(TicketOrder.olderThan(old, null));
        assertTrue(TicketOrder.yieldsTo(young, old, 0));
        assertFalse(TicketOrder.yieldsTo(old, young, 0));
        young.priority = 1;
        assertTrue(TicketOrder.yieldsTo(young, null, 2));
        assertFalse(TicketOrder.yieldsTo(young, null, 1));
    }

    @Test
    void gateWaitsAreBoundedRoundsOfOneFreshIdleStrategy() {
        assertInstanceOf(BackoffIdleStrategy.class, Pause.PARK.idler());
        Gate gate = new Gate();
        assertTrue(gate.enter(1, pause));
        assertEquals(0, pause.pauses.size(), "a free gate: no wait, no idle strategy");
        assertFalse(gate.enter(2, pause));
        assertEquals(Gate.WAIT_ROUNDS, pause.pauses.size());
        assertTrue(pause.pauses.stream().allMatch(p -> p == RecordingPause.IDLE_ROUND));
        pause.clear();
        gate.awaitOpen(2, pause);
        assertEquals(Gate.WAIT_ROUNDS, pause.pauses.size());
        // the real strategy: spins, yields, then parks of at most 200 µs; bounded well under a second
        Gate held = new Gate();
        held.tryEnter(7);
        long start = System.nanoTime();
        assertFalse(held.enter(8, Pause.PARK));
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMillis < 1_000, "a bounded wait took " + tookMillis + " ms");
    }
}
