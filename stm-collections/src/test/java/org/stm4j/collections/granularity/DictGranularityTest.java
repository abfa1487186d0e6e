package org.stm4j.collections.granularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stm4j.collections.granularity.Interleaving.once;
import static org.stm4j.collections.granularity.Interleaving.twice;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stm4j.collections.TDict;

/**
 * SPEC "Conflict granularity" for {@link TDict}, shown deterministically with an
 * {@link Interleaving}: A does an operation and stays open while B commits another; A's block
 * runs once if B's commit did not invalidate anything A read, twice if it did.
 *
 * <p><b>No conflict</b> (A runs once): updates and deletes of distinct existing keys, in any
 * combination; a read of one key against a write of another; inserts of distinct new keys (the
 * size is kept in striped counters changed commutatively, so a writer that does not read
 * {@code len()} does not conflict through it); an insert against an update or a delete of another
 * key; a lookup of a missing key against the insertion of a different key.
 *
 * <p><b>Positive controls</b> (A must run twice — they prove the harness can see a conflict): the
 * same key written by both; a read of a key that B writes or deletes; {@code len()} against an
 * insert or a delete; a lookup of a missing key that B inserts (a phantom: the lookup must read the
 * key's predicate); an iteration against an insert or a value update.
 */
final class DictGranularityTest {

    private static final int KEYS = 64;

    private TDict<Integer, Integer> d;

    @BeforeEach
    void fill() {
        d = new TDict<>();
        for (int k = 0; k < KEYS; k++) {
            d.put(k, k);
        }
    }

    @Nested
    final class NoConflict {

        @Test
        void updateVsUpdateOfAnotherExistingKey() {
            once(Interleaving.run(() -> d.put(1, -1), () -> d.put(2, -2)), "put(1) vs put(2)");
            assertEquals(-1, d.getItem(1));
            assertEquals(-2, d.getItem(2));
        }

        @Test
        void pythonSetItemVsSetItemOfAnotherExistingKey() {
            once(Interleaving.run(() -> d.setItem(1, -1), () -> d.setItem(2, -2)), "d[1]= vs d[2]=");
        }

        @Test
        void readModifyWriteVsReadModifyWriteOfAnotherKey() {
            once(Interleaving.run(() -> d.put(1, d.getItem(1) + 100), () -> d.put(2, d.getItem(2) + 100)),
                    "d[1] += vs d[2] +=");
            assertEquals(101, d.getItem(1));
            assertEquals(102, d.getItem(2));
        }

        @Test
        void updateVsDeleteOfAnotherKey() {
            once(Interleaving.run(() -> d.put(1, -1), () -> d.remove(2)), "put(1) vs remove(2)");
            assertFalse(d.containsKey(2));
            assertEquals(KEYS - 1, d.len());
        }

        @Test
        void deleteVsUpdateOfAnotherKey() {
            once(Interleaving.run(() -> d.delItem(1), () -> d.put(2, -2)), "del d[1] vs put(2)");
        }

        @Test
        void deleteVsDeleteOfAnotherKey() {
            once(Interleaving.run(() -> d.delItem(1), () -> d.delItem(2)), "del d[1] vs del d[2]");
            assertEquals(KEYS - 2, d.len());
        }

        @Test
        void popVsPopOfAnotherKey() {
            once(Interleaving.run(() -> d.pop(1), () -> d.pop(2)), "pop(1) vs pop(2)");
        }

        @Test
        void readVsUpdateOfAnotherKey() {
            once(Interleaving.run(() -> d.getItem(1), () -> d.put(2, -2)), "d[1] vs put(2)");
        }

        @Test
        void readVsUpdateOfAnotherKeyThenReadingThatUpdate() {
            // A's snapshot is extended to see B's write: nothing A read changed, so no abort.
            List<Integer> seen = new ArrayList<>();
            once(Interleaving.run(() -> d.getItem(1), () -> d.put(2, -2), () -> seen.add(d.getItem(2))),
                    "d[1] vs put(2), then d[2]");
            assertEquals(List.of(-2), seen);
        }

        @Test
        void updateVsInsertOfANewKey() {
            once(Interleaving.run(() -> d.put(1, -1), () -> d.put(1_000, 0)), "put(1) vs insert 1000");
            assertEquals(KEYS + 1, d.len());
        }

        @Test
        void insertVsUpdateOfAnExistingKey() {
            once(Interleaving.run(() -> d.put(1_000, 0), () -> d.put(1, -1)), "insert 1000 vs put(1)");
        }

        @Test
        void insertVsDeleteOfAnotherKey() {
            once(Interleaving.run(() -> d.put(1_000, 0), () -> d.delItem(2)), "insert 1000 vs del d[2]");
            assertEquals(KEYS, d.len());
        }

        @Test
        void deleteVsInsertOfANewKey() {
            once(Interleaving.run(() -> d.delItem(1), () -> d.put(1_000, 0)), "del d[1] vs insert 1000");
        }

        @Test
        void insertsOfDistinctNewKeys() {
            // SPEC: "rarely". Rare conflicts come from racing on shared per-key state (a predicate being
            // created or reclaimed); this interleaving has none pending, so it must not conflict at all.
            for (int i = 0; i < 16; i++) {
                int ka = 1_000 + 2 * i;
                int kb = 1_001 + 2 * i;
                once(Interleaving.run(() -> d.put(ka, ka), () -> d.put(kb, kb)), "insert " + ka + " vs insert " + kb);
            }
            assertEquals(KEYS + 32, d.len());
            List<Integer> order = new ArrayList<>(d.keys()).subList(KEYS, KEYS + 32);
            for (int i = 0; i < 16; i++) {
                // B committed first each time, so its key comes first in insertion order.
                assertEquals(List.of(1_001 + 2 * i, 1_000 + 2 * i), order.subList(2 * i, 2 * i + 2), "order " + order);
            }
        }

        @Test
        void setdefaultOfAnExistingKeyVsInsertOfAnother() {
            once(Interleaving.run(() -> d.setdefault(1, -1), () -> d.put(1_000, 0)), "setdefault(1) vs insert");
        }

        @Test
        void lookupOfAMissingKeyVsInsertOfAnotherKey() {
            once(Interleaving.run(() -> assertNull(d.get(500)), () -> d.put(1_000, 0)), "get(500) vs insert 1000");
        }

        @Test
        void containsOfAMissingKeyVsDeleteOfAnother() {
            once(Interleaving.run(() -> assertFalse(d.containsKey(500)), () -> d.delItem(3)),
                    "500 in d vs del d[3]");
        }
    }

    @Nested
    final class PositiveControls {

        @Test
        void updateVsUpdateOfTheSameKey() {
            twice(Interleaving.run(() -> d.put(1, d.getItem(1) + 10), () -> d.put(1, d.getItem(1) + 100)),
                    "d[1] += vs d[1] +=");
            assertEquals(111, d.getItem(1), "no lost update");
        }

        @Test
        void readVsUpdateOfTheSameKey() {
            twice(Interleaving.run(() -> d.getItem(5), () -> d.put(5, -5)), "d[5] vs put(5)");
        }

        @Test
        void readVsDeleteOfTheSameKey() {
            twice(Interleaving.run(() -> d.get(5), () -> d.delItem(5)), "d.get(5) vs del d[5]");
        }

        @Test
        void lenVsInsert() {
            List<Integer> lens = new ArrayList<>();
            twice(Interleaving.run(() -> lens.add(d.len()), () -> d.put(1_000, 0)), "len() vs insert");
            assertEquals(List.of(KEYS, KEYS + 1), lens);
        }

        @Test
        void lenVsDelete() {
            twice(Interleaving.run(() -> d.len(), () -> d.delItem(2)), "len() vs delete");
        }

        @Test
        void lookupOfAMissingKeyVsItsInsertion() {
            twice(Interleaving.run(() -> d.containsKey(1_000), () -> d.put(1_000, 0)), "1000 in d vs insert 1000");
        }

        @Test
        void lookupOfAMissingKeyVsItsInsertionThenReadingIt() {
            // Opacity: after the missing key was seen absent, seeing B's insert of it must abort A first.
            List<Boolean> seen = new ArrayList<>();
            twice(Interleaving.run(() -> seen.add(d.containsKey(1_000)), () -> {
                d.put(1_000, 0);
                d.put(1_001, 0);
            }, () -> seen.add(d.containsKey(1_001))), "phantom");
            assertEquals(List.of(false, true, true), seen, "A's runs saw (absent, then both present)");
        }

        @Test
        void iterationOfValuesVsUpdate() {
            twice(Interleaving.run(() -> {
                long s = 0;
                for (int v : d.values()) {
                    s += v;
                }
                assertTrue(s >= 0);
            }, () -> d.put(KEYS - 1, 0)), "sum(d.values()) vs put");
        }

        @Test
        void iterationOfKeysVsInsert() {
            twice(Interleaving.run(() -> new ArrayList<>(d.keys()), () -> d.put(1_000, 0)), "list(d) vs insert");
        }

        @Test
        void popitemVsInsert() {
            twice(Interleaving.run(() -> d.popitem(), () -> d.put(1_000, 0)), "popitem() vs insert");
            assertFalse(d.containsKey(1_000), "popitem after the insert pops the newest key");
        }
    }
}
