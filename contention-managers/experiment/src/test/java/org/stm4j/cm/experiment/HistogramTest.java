package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HistogramTest {

    @Test
    void smallValuesAreExact() {
        Histogram h = new Histogram();
        for (int v = 1; v <= 10; v++) {
            h.record(v);
        }
        assertEquals(5, h.percentile(0.5));
        assertEquals(10, h.percentile(0.99));
        assertEquals(1, h.percentile(0));
        assertEquals(10, h.max());
        assertEquals(5.5, h.mean(), 1e-9);
        assertEquals(10, h.count());
    }

    @Test
    void percentilesOfKnownDataWithinTheBucketError() {
        Histogram h = new Histogram();
        for (int v = 1; v <= 100_000; v++) {
            h.record(v);
        }
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long truth = (long) Math.ceil(q * 100_000);
            long reported = h.percentile(q);
            assertTrue(reported >= truth && reported <= truth * 1.0625, q + ": " + reported + " vs " + truth);
        }
        assertEquals(100_000, h.percentile(1.0));
    }

    @Test
    void percentilesOfRandomDataMatchASortedCopy() {
        SplittableRandom random = new SplittableRandom(7);
        long[] values = new long[50_000];
        Histogram h = new Histogram();
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * 25); // 1 .. 7e10, log-uniform
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.01, 0.5, 0.99}) {
            long truth = values[(int) Math.ceil(q * values.length) - 1];
            long reported = h.percentile(q);
            assertTrue(reported >= truth && reported <= truth + truth / 16, q + ": " + reported + " vs " + truth);
        }
        assertEquals(values[values.length - 1], h.max());
    }

    @Test
    void everyValueFallsInABucketThatHoldsIt() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 100_000; i++) {
            long v = random.nextLong(Long.MAX_VALUE) >>> random.nextInt(63);
            int index = Histogram.indexOf(v);
            assertTrue(v <= Histogram.highestIn(index), v + " above bucket " + index);
            assertTrue(index == 0 || v > Histogram.highestIn(index - 1), v + " belongs to a lower bucket");
        }
        assertEquals(Long.MAX_VALUE, Histogram.highestIn(Histogram.indexOf(Long.MAX_VALUE)));
    }

    @Test
    void mergeAndReset() {
        Histogram a = new Histogram();
        Histogram b = new Histogram();
        a.record(3);
        b.record(1_000);
        a.add(b);
        assertEquals(2, a.count());
        assertEquals(1_000, a.max());
        assertEquals(3, a.percentile(0.5));
        a.reset();
        assertEquals(0, a.count());
        assertEquals(0, a.percentile(0.99));
        assertEquals(0, a.mean());
    }

    @Test
    void rejectsBadInput() {
        Histogram h = new Histogram();
        assertThrows(IllegalArgumentException.class, () -> h.record(-1));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(1.5));
        assertThrows(IllegalArgumentException.class, () -> h.percentile(Double.NaN));
    }
}
