package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.TxnConfig;

class ProbeTest {

    @Test
    void latencyAttemptsAndLongestStarvation() {
        Probe p = new Probe();
        p.reset(0);
        p.beginOperation(0);
        p.attempt();
        p.committed(10);
        p.beginOperation(10);
        p.attempt();
        p.attempt();
        p.attempt();
        p.committed(100);
        p.finish(150);
        assertEquals(2, p.commits());
        assertEquals(4, p.attempts());
        assertEquals(3, p.attemptsPerCommit().max());
        assertEquals(90, p.latencyNanos().max());
        assertEquals(90, p.longestGapNanos());
    }

    @Test
    void aThreadStuckUntilTheEndIsStarvingUntilTheEnd() {
        Probe p = new Probe();
        p.reset(1_000);
        p.finish(51_000);
        assertEquals(50_000, p.longestGapNanos());
        assertEquals(0, p.commits());
    }

    @Test
    void irrevocableAttemptsAreCountedInTheBody() {
        Probe p = new Probe();
        p.reset(0);
        TxnConfig irrevocable = TxnConfig.builder().irrevocable(true).build();
        irrevocable.atomic(() -> {
            p.attempt();
            p.endOfBody();
        });
        Stm.atomic(() -> {
            p.attempt();
            p.endOfBody();
        });
        assertEquals(1, p.escalations());
        assertEquals(1, p.irrevocableCommits());
    }
}
