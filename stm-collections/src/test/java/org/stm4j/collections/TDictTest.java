package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;

class TDictTest {

    private static <K, V> List<K> keysOf(TDict<K, V> d) {
        return new ArrayList<>(d.keySet());
    }

    @Test
    void insertionOrderSurvivesOverwriteAndMovesOnReinsert() {
        TDict<String, Integer> d = new TDict<>();
        d.put("a", 1);
        d.put("b", 2);
        d.put("c", 3);
        d.put("a", 10); // overwrite keeps the place
        assertEquals(List.of("a", "b", "c"), keysOf(d));
        d.remove("a");
        d.put("a", 11); // delete + re-insert moves to the end
        assertEquals(List.of("b", "c", "a"), keysOf(d));
        assertEquals(List.of(2, 3, 11), new ArrayList<>(d.values()));
        assertEquals("{b=2, c=3, a=11}", d.toString());
    }

    @Test
    void orderInsideOneTransactionFollowsPythonToo() {
        TDict<String, Integer> d = TDict.from(Map.of("x", 0));
        List<String> seen = atomic(() -> {
            d.put("a", 1);
            d.put("b", 2);
            d.remove("a");
            d.put("a", 3);
            d.put("b", 4); // update of an own pending insert keeps its place
            d.remove("x");
            d.put("x", 5);
            return keysOf(d);
        });
        assertEquals(List.of("b", "a", "x"), seen);
        assertEquals(List.of("b", "a", "x"), keysOf(d)); // commit keeps the same order
        assertEquals(Map.of("b", 4, "a", 3, "x", 5), d);
    }

    @Test
    void pythonErrorsAndDefaults() {
        TDict<String, Integer> d = new TDict<>();
        KeyError e = assertThrows(KeyError.class, () -> d.getItem("nope"));
        assertEquals("'nope'", e.getMessage());
        assertEquals("None", assertThrows(KeyError.class, () -> d.delItem(null)).getMessage());
        assertEquals("3", assertThrows(KeyError.class, () -> new TDict<Integer, Integer>().pop(3)).getMessage());
        assertEquals("'popitem(): dictionary is empty'", assertThrows(KeyError.class, d::popitem).getMessage());
        assertEquals(7, d.get("nope", 7));
        assertEquals(7, d.pop("nope", 7));
        assertEquals(5, d.setdefault("k", 5));
        assertEquals(5, d.setdefault("k", 6));
        assertEquals(5, d.getItem("k"));
        d.setItem("k", null);
        assertNull(d.get("k", 9)); // present with None: get returns None, not the default
        assertTrue(d.containsKey("k"));
    }

    @Test
    void nullKeysAndValues() {
        TDict<String, String> d = new TDict<>();
        d.put(null, null);
        d.put("a", null);
        assertTrue(d.containsKey(null));
        assertEquals(2, d.len());
        assertNull(d.getItem(null));
        assertEquals(Arrays.asList(null, "a"), keysOf(d));
        assertTrue(d.containsValue(null));
        d.delItem(null);
        assertFalse(d.containsKey(null));
    }

    @Test
    void popitemIsLifoAcrossCommittedAndPendingInserts() {
        TDict<Integer, String> d = new TDict<>();
        for (int i = 0; i < 5; i++) {
            d.put(i, "v" + i);
        }
        assertEquals(Map.entry(4, "v4"), d.popitem());
        List<Integer> popped = atomic(() -> {
            d.put(9, "v9");
            List<Integer> r = new ArrayList<>();
            r.add(d.popitem().getKey()); // own insert first
            r.add(d.popitem().getKey()); // then the committed order
            d.remove(1);
            r.add(d.popitem().getKey());
            r.add(d.popitem().getKey()); // skips 1, deleted in this transaction
            return r;
        });
        assertEquals(List.of(9, 3, 2, 0), popped);
        assertEquals(0, d.len());
    }

    @Test
    void updateFromSelfAndFromTDictAndUnion() {
        TDict<String, Integer> d = TDict.from(new LinkedHashMap<>(Map.of("a", 1)));
        d.update(d);
        assertEquals(Map.of("a", 1), d);
        TDict<String, Integer> e = new TDict<>();
        e.put("b", 2);
        e.put("a", 3);
        d.update(e);
        assertEquals(List.of("a", "b"), keysOf(d));
        assertEquals(3, d.get("a"));
        TDict<String, Integer> u = e.union(Map.of("c", 4));
        assertEquals(List.of("b", "a", "c"), keysOf(u));
        assertEquals(List.of("b", "a"), keysOf(e)); // unchanged
        assertThrows(NullPointerException.class, () -> d.update(null));
    }

    @Test
    void fromkeysAndCopyAreIndependent() {
        TDict<String, Integer> d = TDict.fromkeys(List.of("x", "y", "x"), 0);
        assertEquals(List.of("x", "y"), keysOf(d));
        TDict<String, Integer> c = d.copy();
        c.put("z", 1);
        assertEquals(2, d.len());
        assertEquals(3, c.len());
        assertEquals(List.of("x", "y", "z"), keysOf(c));
    }

    @Test
    void anExceptionInsideAtomicUndoesTheDictChanges() {
        TDict<String, Integer> d = new TDict<>();
        d.put("a", 1);
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            d.put("b", 2);
            d.remove("a");
            throw new IllegalStateException("boom");
        }));
        assertEquals(Map.of("a", 1), d);
        assertEquals(List.of("a"), keysOf(d));
        // a nested block that throws undoes only its own changes, order included
        atomic(() -> {
            d.put("c", 3);
            try {
                atomic(() -> {
                    d.put("d", 4);
                    d.remove("c");
                    throw new IllegalArgumentException();
                });
            } catch (IllegalArgumentException expected) {
                // caught inside the transaction
            }
            d.put("e", 5);
        });
        assertEquals(List.of("a", "c", "e"), keysOf(d));
    }

    @Test
    void orElseUndoesTheFirstBranchStructuralChanges() {
        TDict<String, Integer> d = new TDict<>();
        TVar<Boolean> never = new TVar<>(false);
        atomic(() -> Stm.orElse(() -> {
            d.put("first", 1);
            if (!never.get()) {
                Stm.retry();
            }
            return null;
        }, () -> {
            d.put("second", 2);
            return null;
        }));
        assertEquals(Map.of("second", 2), d);
        assertEquals(1, d.len());
    }

    @Test
    void viewsAreLiveAndWriteThrough() {
        TDict<String, Integer> d = new TDict<>();
        d.put("a", 1);
        d.put("b", 2);
        d.put("c", 3);
        d.keys().remove("b");
        assertEquals(List.of("a", "c"), keysOf(d));
        for (Map.Entry<String, Integer> e : d.items()) {
            e.setValue(e.getValue() * 10);
        }
        assertEquals(Map.of("a", 10, "c", 30), d);
        Iterator<String> it = d.keySet().iterator();
        it.next();
        it.remove();
        assertEquals(List.of("c"), keysOf(d));
        assertThrows(IllegalStateException.class, it::remove);
        assertTrue(d.items().contains(Map.entry("c", 30)));
        d.values().clear();
        assertTrue(d.isEmpty());
    }

    @Test
    void defaultMapMethodsAreAtomicAndCorrect() {
        TDict<String, Integer> d = new TDict<>();
        assertEquals(1, d.merge("k", 1, Integer::sum));
        assertEquals(3, d.merge("k", 2, Integer::sum));
        assertEquals(3, d.putIfAbsent("k", 9));
        assertEquals(4, d.computeIfPresent("k", (k, v) -> v + 1));
        assertEquals(7, d.computeIfAbsent("j", k -> 7));
        assertTrue(d.replace("j", 7, 8));
        assertTrue(d.remove("j", 8));
        assertEquals(new HashMap<>(Map.of("k", 4)), d);
        assertEquals(d, new HashMap<>(Map.of("k", 4)));
        assertEquals(new HashMap<>(Map.of("k", 4)).hashCode(), d.hashCode());
    }

    @Test
    void aTransactionHoldingAReclaimedPredicateReRuns() {
        TDict<Integer, Integer> d = new TDict<>();
        d.put(1, 1);
        d.remove(1);
        int[] runs = {0};
        atomic(() -> {
            runs[0]++;
            assertNull(d.get(1));
            if (runs[0] == 1) {
                Thread t = new Thread(() -> d.core().sweepNow()); // retires the predicate of key 1
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            d.put(1, 2);
        });
        assertEquals(2, runs[0]);
        assertEquals(2, d.get(1));
    }

    /** Storing the identical value reference writes nothing: the transaction commits read-only. */
    @Test
    void puttingTheIdenticalValueWritesNothing() {
        Long value = 123_456_789L;
        TDict<String, Long> d = new TDict<>();
        d.put("k", value);
        StmStats before = Stm.stats();
        atomic(() -> {
            assertEquals(value, d.put("k", value));
        });
        StmStats identical = Stm.stats().minus(before);
        assertEquals(1, identical.commits());
        assertEquals(1, identical.readOnlyCommits(), "an identical put wrote: " + identical);

        Long equalButNotIdentical = Long.valueOf(123_456_789L);
        before = Stm.stats();
        atomic(() -> {
            d.put("k", equalButNotIdentical);
        });
        StmStats changed = Stm.stats().minus(before);
        assertEquals(0, changed.readOnlyCommits(), "an equal but different object must be stored");
        assertTrue(d.get("k") == equalButNotIdentical, "the new object is stored");
        assertEquals(List.of("k"), new ArrayList<>(d.keySet()));
    }
}
