package org.stm4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RandomBackoffTest {

    @Test
    void ceilingsDoubleUpToTheCapWithoutOverflow() {
        assertEquals(1_000, RandomBackoff.ceilingNanos(1_000, 1_000_000, 0));
        assertEquals(8_000, RandomBackoff.ceilingNanos(1_000, 1_000_000, 3));
        assertEquals(1_000_000, RandomBackoff.ceilingNanos(1_000, 1_000_000, 10));
        assertEquals(1_000_000, RandomBackoff.ceilingNanos(1_000, 1_000_000, 63));
        assertEquals(1_000_000, RandomBackoff.ceilingNanos(1_000, 1_000_000, Integer.MAX_VALUE));
        assertEquals(Long.MAX_VALUE, RandomBackoff.ceilingNanos(3, Long.MAX_VALUE, 200));
        assertEquals(1_000, RandomBackoff.ceilingNanos(1_000, 1_000_000, -5));
    }

    @Test
    void waitsStayInTheirRanges() {
        for (int round = 0; round < 30; round++) {
            long c = RandomBackoff.ceilingNanos(1_000, 1_000_000, round);
            for (int i = 0; i < 200; i++) {
                long j = RandomBackoff.jitteredNanos(1_000, 1_000_000, round);
                assertTrue(j >= c / 2 && j <= c, j + " outside [" + c / 2 + ", " + c + "]");
                long u = RandomBackoff.uniformNanos(1_000, 1_000_000, round);
                assertTrue(u >= 0 && u <= c, u + " outside [0, " + c + "]");
            }
        }
    }

    @Test
    void badBoundsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomBackoff.ceilingNanos(0, 10, 1));
        assertTrue(e.getMessage().contains("baseNanos"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomBackoff.jitteredNanos(10, 5, 1));
    }
}
