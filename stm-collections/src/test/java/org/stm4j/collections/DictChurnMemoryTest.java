package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Dead predicates are reclaimed, so a dict's memory follows its live keys: a dict that churns
 * through many distinct keys with 1,000 live at a time keeps its index (and with it its memory)
 * proportional to the live keys, not to the keys ever seen. Without reclamation the index would
 * end with one predicate per key ever seen. (How reclamation interacts with running transactions
 * is {@code granularity.DictReclamationTest}'s subject.)
 *
 * <p>The fast tier churns through 2&times;10<sup>5</sup> keys (already 80 times the bound); the slow
 * tier ({@code -Pstress}) through 10<sup>7</sup>, or {@code -Dstm4j.dict.churn=N}.
 */
class DictChurnMemoryTest {
    private static final int LIVE = 1000;

    @Test
    void churnThroughManyDistinctKeysStaysBounded() {
        churn(200_000);
    }

    @Tag("slow")
    @Test
    void churnThroughTenMillionDistinctKeysStaysBounded() {
        churn(Integer.getInteger("stm4j.dict.churn", 10_000_000));
    }

    private static void churn(int distinct) {
        TDict<Integer, Integer> d = new TDict<>();
        int worst = 0;
        for (int i = 0; i < distinct; i++) {
            d.put(i, i);
            if (i >= LIVE) {
                d.remove(i - LIVE);
            }
            if (i % 997 == 0) {
                d.get(-i); // lookups of missing keys create predicates too
            }
            if ((i & 0x3fff) == 0) {
                worst = Math.max(worst, d.core().predicateCount());
            }
        }
        assertEquals(LIVE, d.len());
        worst = Math.max(worst, d.core().predicateCount());
        // a sweep starts once the index exceeds 2 x live + 256 and 256 predicates were created since the last one
        assertTrue(worst <= 2 * LIVE + 2 * 256 + 64, "index held " + worst + " predicates for " + LIVE + " live keys");
        assertEquals(LIVE, d.keys().size());
        assertEquals(distinct - LIVE, (int) d.keys().iterator().next());
        for (int i = distinct - LIVE; i < distinct; i++) {
            assertEquals(i, d.getItem(i));
        }
    }
}
