package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Dead predicates are reclaimed: a dict that churns through 10^7 distinct keys with 1,000 live at
 * a time keeps its index (and with it its memory) proportional to the live keys, not to the keys
 * ever seen. Without reclamation the index would end with 10^7 predicates.
 */
class DictReclamationTest {
    private static final int LIVE = 1000;
    private static final int DISTINCT = Integer.getInteger("stm4j.dict.churn", 10_000_000);

    @Test
    void churnThroughManyDistinctKeysStaysBounded() {
        TDict<Integer, Integer> d = new TDict<>();
        int worst = 0;
        for (int i = 0; i < DISTINCT; i++) {
            d.put(i, i);
            if (i >= LIVE) {
                d.remove(i - LIVE);
            }
            if ((i & 0x3fff) == 0) {
                worst = Math.max(worst, d.core().predicateCount());
            }
        }
        assertEquals(LIVE, d.len());
        // a sweep starts once the index exceeds 2 x live + 256 and 256 predicates were created since the last one
        assertTrue(worst <= 2 * LIVE + 2 * 256 + 64, "index held " + worst + " predicates for " + LIVE + " live keys");
        assertEquals(LIVE, d.keys().size());
        assertEquals(DISTINCT - LIVE, (int) d.keys().iterator().next());
    }
}
