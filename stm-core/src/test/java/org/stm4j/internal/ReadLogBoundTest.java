package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import org.junit.jupiter.api.Test;
import org.stm4j.TVar;

/** Issue 13: reading the same TVars again and again in one block does not grow the read set without bound. */
class ReadLogBoundTest {

    @Test
    void repeatedReadsKeepTheReadLogTheSizeOfWhatWasRead() throws InterruptedException {
        // a fresh thread; its context may still be one an earlier test grew (a terminated thread's, or
        // one lent per block), so the bound is checked against the capacity the block started with
        Throwable[] failure = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                readRepeatedly();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }

    private static void readRepeatedly() {
        TVar<Integer> a = new TVar<>(1);
        TVar<Integer> b = new TVar<>(2);
        TVar<?>[] distinct = new TVar<?>[100];
        for (int i = 0; i < distinct.length; i++) {
            distinct[i] = new TVar<>(i);
        }
        int[] capacity = new int[2];
        long sum = atomic(() -> {
            capacity[1] = TxnContext.current().readLogCapacity();
            long s = 0;
            for (TVar<?> v : distinct) {
                v.get();
            }
            for (int i = 0; i < 2_000_000; i++) {
                s += (i & 1) == 0 ? a.get() : b.get();
            }
            capacity[0] = TxnContext.current().readLogCapacity();
            return s;
        });
        assertEquals(3_000_000L, sum);
        // before the fix the log held all 2,000,100 reads (a 2^21-entry array, 40 bytes per read)
        assertTrue(capacity[0] <= Math.max(256, capacity[1]),
                "read log capacity " + capacity[0] + " for 102 distinct TVars (" + capacity[1] + " at the start)");
    }
}
