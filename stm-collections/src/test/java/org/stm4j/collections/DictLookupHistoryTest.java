package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.stm4j.TVar;

/**
 * Lookups of absent keys stay linear in one transaction whatever the dict's past (issue 13, D3).
 * A dict whose predicates were reclaimed by a sweep used to give every predicate created afterwards
 * a fresh clock tick, so each lookup of a new absent key extended the snapshot and revalidated the
 * whole read set: n lookups cost O(n^2).
 */
class DictLookupHistoryTest {

    /** Fill n keys, clear, 300 puts, clear: the sweeps have reclaimed predicates (the report's recipe). */
    private static TDict<Integer, Integer> dictWithHistory(int n) {
        TDict<Integer, Integer> d = new TDict<>();
        atomic(() -> {
            for (int i = 0; i < n; i++) {
                d.put(i, i);
            }
        });
        d.clear();
        for (int i = 0; i < 300; i++) {
            d.put(n + i, i);
        }
        d.clear();
        d.core().sweepNow();
        assertEquals(0, d.len());
        return d;
    }

    /**
     * Timing-free: a lookup of an absent key must not extend the snapshot. An unrelated TVar read first
     * and changed by another thread before the lookups makes any extension fail validation, so an
     * extending lookup shows up as a second attempt.
     */
    @Test
    void absentKeyLookupsOnASweptDictDoNotExtendTheSnapshot() throws Exception {
        TDict<Integer, Integer> d = dictWithHistory(2_000);
        TVar<Integer> other = new TVar<>(0);
        AtomicInteger attempts = new AtomicInteger();
        int found = atomic(() -> {
            int attempt = attempts.incrementAndGet();
            other.get();
            if (attempt == 1) {
                Thread writer = new Thread(() -> other.set(1));
                writer.start();
                joinQuietly(writer);
            }
            int c = 0;
            for (int i = 0; i < 1_000; i++) {
                if (d.containsKey(-1 - i)) {
                    c++;
                }
            }
            return c;
        });
        assertEquals(0, found);
        assertEquals(1, attempts.get(), "a lookup of an absent key extended the snapshot");
    }

    /** Reclaimed keys looked up again are absent, also in a snapshot taken before their reclamation. */
    @Test
    void keysLookedUpAgainAfterReclamationAreAbsent() {
        TDict<Integer, Integer> d = dictWithHistory(1_000);
        int found = atomic(() -> {
            int c = 0;
            for (int i = 0; i < 1_300; i++) {
                if (d.containsKey(i)) {
                    c++;
                }
            }
            return c;
        });
        assertEquals(0, found);
        d.put(5, 5);
        assertTrue(d.containsKey(5));
        assertFalse(d.containsKey(6));
    }

    /** 200k absent-key lookups in one block: well under a second when linear, minutes when quadratic. */
    @Test
    void manyAbsentKeyLookupsInOneBlockStayLinear() {
        int n = 200_000;
        TDict<Integer, Integer> d = dictWithHistory(n);
        int found = assertTimeoutPreemptively(Duration.ofSeconds(15), () -> atomic(() -> {
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (d.containsKey(-1 - i)) {
                    c++;
                }
            }
            return c;
        }));
        assertEquals(0, found);
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
