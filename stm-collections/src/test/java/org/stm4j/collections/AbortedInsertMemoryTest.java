package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.lang.ref.WeakReference;
import org.junit.jupiter.api.Test;

/**
 * An aborted transaction leaves no memory behind (issue 13, D4): the index entries its inserts and
 * lookups created are reclaimed when it rolls back, not by some later commit.
 */
class AbortedInsertMemoryTest {

    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anAbortedBlockOfInsertsLeavesNoPredicates() {
        TDict<Object, Integer> d = new TDict<>();
        d.put("kept", 1);
        assertThrows(Boom.class, () -> atomic(() -> {
            for (int i = 0; i < 20_000; i++) {
                d.put(i, i);
            }
            throw new Boom();
        }));
        assertEquals(1, d.len());
        // the live key, plus at most the sweep's slack of predicates created since the last sweep
        assertTrue(d.core().predicateCount() <= 1 + 256, "index still holds " + d.core().predicateCount()
                + " predicates after the abort");
        assertEquals(1, d.getItem("kept"));
    }

    @Test
    void theKeysOfAnAbortedBlockBecomeUnreachable() {
        TDict<Object, Object> d = new TDict<>();
        WeakReference<Object> firstKey = insertAndAbort(d, 5_000);
        for (int i = 0; i < 50 && firstKey.get() != null; i++) {
            System.gc();
        }
        assertNull(firstKey.get(), "a key inserted by an aborted transaction is still reachable");
        assertEquals(0, d.len());
        assertTrue(d.isEmpty());
    }

    @Test
    void theSetOfAnAbortedBlockKeepsNoElements() {
        TSet<Integer> s = new TSet<>();
        assertThrows(Boom.class, () -> atomic(() -> {
            for (int i = 0; i < 20_000; i++) {
                s.add(i);
            }
            throw new Boom();
        }));
        assertEquals(0, s.len());
        s.add(1);
        assertEquals(1, s.len());
    }

    private static WeakReference<Object> insertAndAbort(TDict<Object, Object> d, int n) {
        Object[] first = new Object[1];
        assertThrows(Boom.class, () -> atomic(() -> {
            for (int i = 0; i < n; i++) {
                Object k = new Object();
                if (i == 0) {
                    first[0] = k;
                }
                d.put(k, i);
            }
            throw new Boom();
        }));
        WeakReference<Object> ref = new WeakReference<>(first[0]);
        first[0] = null;
        return ref;
    }
}
