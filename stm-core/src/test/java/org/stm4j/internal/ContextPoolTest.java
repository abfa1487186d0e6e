package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * The pool of idle contexts hands out a context with a version slot whenever one is idle, however
 * many without a slot a burst left behind (a block on a slot-less context commits with a clock CAS
 * and cannot be named as a conflict's winner). Which contexts have a slot is the test's choice
 * here ({@code ContextPool(Predicate)}): the JVM's real slots are all taken by the time this runs.
 */
class ContextPoolTest {

    private static List<TxnContext> contexts(int n) {
        List<TxnContext> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new TxnContext(Thread.currentThread()));
        }
        return out;
    }

    @Test
    void aSlottedContextComesBeforeTheSlotlessOnesABurstLeft() {
        List<TxnContext> slotless = contexts(200); // more than the cells: some wait in the queue
        List<TxnContext> slotted = contexts(3);
        Set<TxnContext> withSlot = Collections.newSetFromMap(new IdentityHashMap<>());
        withSlot.addAll(slotted);
        ContextPool pool = new ContextPool(withSlot::contains);
        slotless.forEach(pool::give); // the burst ends: its contexts come back first
        slotted.forEach(pool::give);
        assertEquals(203, pool.size());

        for (int i = 0; i < slotted.size(); i++) {
            TxnContext c = pool.take();
            assertTrue(withSlot.contains(c), "take " + i + " handed out a context without a slot while "
                    + (slotted.size() - i) + " with one were idle");
        }
        // then every slot-less one, each once; nothing lost
        Set<TxnContext> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (TxnContext c; (c = pool.take()) != null;) {
            assertTrue(seen.add(c), "context " + c.id() + " handed out twice");
        }
        assertEquals(slotless.size(), seen.size());
        assertTrue(seen.containsAll(slotless));
        assertNull(pool.take());
    }

    @Test
    void oneBlockAfterAnotherKeepsTakingTheSameSlottedContext() {
        List<TxnContext> slotless = contexts(100);
        TxnContext slotted = contexts(1).get(0);
        ContextPool pool = new ContextPool(c -> c == slotted);
        slotless.forEach(pool::give);
        pool.give(slotted);
        for (int block = 0; block < 1_000; block++) {
            TxnContext c = pool.take();
            assertEquals(slotted.id(), c.id(), "block " + block);
            pool.give(c);
        }
        assertEquals(101, pool.size());
    }
}
