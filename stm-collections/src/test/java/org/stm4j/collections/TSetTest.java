package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stm4j.TVar;

/** Python semantics, result order, bad input, the Set contract and composition of {@link TSet}. */
class TSetTest {

    static <E> List<E> order(Iterable<E> s) {
        List<E> out = new ArrayList<>();
        s.forEach(out::add);
        return out;
    }

    /** An iterable whose iterator throws after yielding {@code ok} elements. */
    static Iterable<Integer> failingAfter(int ok, RuntimeException failure) {
        return () -> new Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (n == ok) {
                    throw failure;
                }
                return 100 + n++;
            }
        };
    }

    /** An iterable whose iterator throws at once. */
    static <T> Iterable<T> failing(RuntimeException failure) {
        return () -> {
            throw failure;
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Construction, single elements, Python errors
    // ---------------------------------------------------------------------------------------------

    @Test
    void factoriesKeepFirstPositionOfDuplicates() {
        assertEquals(List.of(3, 1, 2), order(TSet.of(3, 1, 3, 2, 1)));
        assertEquals(List.of("b", "a"), order(TSet.from(List.of("b", "a", "b"))));
        assertEquals(Arrays.asList(null, 1), order(TSet.of(null, 1, null)));
        assertEquals(List.of(), order(new TSet<>()));
        assertEquals(List.of(2, 1), order(TSet.from(TSet.of(2, 1))));
        assertThrows(NullPointerException.class, () -> TSet.of((Object[]) null));
        assertThrows(NullPointerException.class, () -> TSet.from(null));
    }

    @Test
    void addDiscardRemoveContains() {
        TSet<String> s = new TSet<>();
        assertTrue(s.add("a"));
        assertTrue(s.add("b"));
        assertFalse(s.add("a")); // present: nothing changes, not even its place
        assertEquals(List.of("a", "b"), order(s));
        assertTrue(s.contains("a"));
        assertFalse(s.contains("z"));
        s.discard("z");
        s.discard("a");
        assertEquals(List.of("b"), order(s));
        assertTrue(s.add("a")); // re-inserted: moves to the end
        assertEquals(List.of("b", "a"), order(s));
        assertFalse(s.remove("z"));
        assertTrue(s.remove("b"));
        s.removeItem("a");
        assertTrue(s.isEmpty());
        assertEquals(0, s.len());
        assertEquals(0, s.size());
    }

    @Test
    void pythonKeyErrors() {
        TSet<Object> s = TSet.of(1);
        assertEquals("'a'", assertThrows(KeyError.class, () -> s.removeItem("a")).getMessage());
        assertEquals("None", assertThrows(KeyError.class, () -> s.removeItem(null)).getMessage());
        assertEquals("2", assertThrows(KeyError.class, () -> s.removeItem(2)).getMessage());
        assertEquals("\"it's\"", assertThrows(KeyError.class, () -> s.removeItem("it's")).getMessage());
        assertEquals(List.of(1), order(s));
        assertEquals(1, s.pop());
        KeyError empty = assertThrows(KeyError.class, s::pop);
        assertEquals("'pop from an empty set'", empty.getMessage());
        assertTrue(empty instanceof NoSuchElementException);
    }

    @Test
    void popRemovesTheMostRecentlyInserted() {
        TSet<Integer> s = TSet.of(1, 2, 3);
        assertEquals(3, s.pop());
        s.add(7);
        assertEquals(7, s.pop());
        assertEquals(List.of(1, 2), order(s));
    }

    @Test
    void nullIsAnElement() {
        TSet<String> s = TSet.of("a", null);
        assertTrue(s.contains(null));
        assertFalse(s.add(null));
        assertEquals(2, s.len());
        assertEquals(Arrays.asList("a", null), order(s));
        assertTrue(s.remove(null));
        assertFalse(s.contains(null));
        assertEquals(new HashSet<>(List.of("a")), s);
        s.add(null);
        assertNull(s.pop());
    }

    @Test
    void copyIsIndependent() {
        TSet<Integer> s = TSet.of(1, 2);
        TSet<Integer> c = s.copy();
        c.add(3);
        s.discard(1);
        assertEquals(List.of(2), order(s));
        assertEquals(List.of(1, 2, 3), order(c));
    }

    // ---------------------------------------------------------------------------------------------
    // Set operations: results and their order
    // ---------------------------------------------------------------------------------------------

    @Test
    void newSetOperationsAndTheirOrder() {
        TSet<Integer> s = TSet.of(5, 1, 3, 2);
        assertEquals(List.of(5, 1, 3, 2, 9, 0, 7), order(s.union(List.of(9, 1, 0), TSet.of(7, 9))));
        assertEquals(List.of(5, 1, 3, 2), order(s.union()));
        assertEquals(List.of(1, 3), order(s.intersection(List.of(3, 1, 4), TSet.of(1, 3, 9))));
        assertEquals(List.of(5, 1, 3, 2), order(s.intersection()));
        assertEquals(List.of(), order(s.intersection(List.of())));
        assertEquals(List.of(5, 2), order(s.difference(List.of(1), TSet.of(3, 8))));
        assertEquals(List.of(5, 1, 3, 2), order(s.difference()));
        assertEquals(List.of(5, 1, 2, 8, 0), order(s.symmetricDifference(List.of(8, 3, 8, 0, 3))));
        assertEquals(List.of(5, 1, 3, 2), order(s)); // unchanged
        assertEquals(List.of(), order(s.symmetricDifference(s)));
        assertEquals(List.of(5, 1, 3, 2), order(s.union(s)));
        assertEquals(List.of(5, 1, 3, 2), order(s.intersection(s)));
        assertEquals(List.of(), order(s.difference(s)));
        assertTrue(s.union() != s);
    }

    @Test
    void inPlaceOperations() {
        TSet<Integer> s = TSet.of(1, 2, 3);
        s.update(List.of(4, 1), TSet.of(5), List.of());
        assertEquals(List.of(1, 2, 3, 4, 5), order(s));
        s.update();
        s.intersectionUpdate(List.of(5, 4, 3, 2, 9), TSet.of(2, 3, 5));
        assertEquals(List.of(2, 3, 5), order(s));
        s.intersectionUpdate();
        assertEquals(List.of(2, 3, 5), order(s));
        s.differenceUpdate(List.of(3), TSet.of(7));
        assertEquals(List.of(2, 5), order(s));
        s.symmetricDifferenceUpdate(List.of(6, 2, 6, 8));
        assertEquals(List.of(5, 6, 8), order(s));
    }

    @Test
    void inPlaceOperationsWithTheSetItself() {
        TSet<Integer> s = TSet.of(1, 2, 3);
        s.update(s);
        assertEquals(List.of(1, 2, 3), order(s));
        s.intersectionUpdate(s);
        assertEquals(List.of(1, 2, 3), order(s));
        s.update(s, List.of(4));
        assertEquals(List.of(1, 2, 3, 4), order(s));
        s.intersectionUpdate(s, List.of(2, 4));
        assertEquals(List.of(2, 4), order(s));
        s.symmetricDifferenceUpdate(s);
        assertTrue(s.isEmpty());
        TSet<Integer> t = TSet.of(1, 2);
        t.differenceUpdate(t);
        assertTrue(t.isEmpty());
        TSet<Integer> u = TSet.of(1, 2);
        u.differenceUpdate(Collections.unmodifiableSet(u)); // a live view of itself
        assertTrue(u.isEmpty());
        TSet<Integer> v = TSet.of(1, 2);
        v.symmetricDifferenceUpdate(Collections.unmodifiableSet(v));
        assertTrue(v.isEmpty());
    }

    @Test
    void comparisons() {
        TSet<Integer> s = TSet.of(1, 2);
        assertTrue(s.isSubset(List.of(2, 1, 3)));
        assertTrue(s.isSubset(s));
        assertFalse(s.isSubset(TSet.of(1)));
        assertTrue(new TSet<Integer>().isSubset(List.of()));
        assertTrue(s.isSuperset(List.of(1, 1)));
        assertTrue(s.isSuperset(List.of()));
        assertTrue(s.isSuperset(s));
        assertFalse(s.isSuperset(TSet.of(1, 3)));
        assertTrue(s.isDisjoint(List.of(3, 4)));
        assertFalse(s.isDisjoint(TSet.of(4, 2)));
        assertFalse(s.isDisjoint(s));
        assertTrue(new TSet<Integer>().isDisjoint(new TSet<Integer>()));
        assertTrue(s.containsAll(List.of(2, 1)));
        assertFalse(s.containsAll(List.of(2, 5)));
    }

    @Test
    void membershipInAnArgumentIsByEquality() {
        TSet<String> s = TSet.of("a", "B");
        java.util.TreeSet<String> caseInsensitive = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        caseInsensitive.addAll(List.of("A", "b"));
        assertEquals(List.of(), order(s.intersection(caseInsensitive)));
        assertFalse(s.isSubset(caseInsensitive));
    }

    // ---------------------------------------------------------------------------------------------
    // Bad input changes nothing
    // ---------------------------------------------------------------------------------------------

    @Test
    void nullArgumentsThrowAndChangeNothing() {
        TSet<Integer> s = TSet.of(1, 2);
        List<Integer> one = List.of(3);
        assertThrows(NullPointerException.class, () -> s.update(one, null));
        assertThrows(NullPointerException.class, () -> s.update((Iterable<Integer>[]) null));
        assertThrows(NullPointerException.class, () -> s.intersectionUpdate(one, null));
        assertThrows(NullPointerException.class, () -> s.differenceUpdate(null, one));
        assertThrows(NullPointerException.class, () -> s.symmetricDifferenceUpdate(null));
        assertThrows(NullPointerException.class, () -> s.union(one, null));
        assertThrows(NullPointerException.class, () -> s.intersection((Iterable<?>) null));
        assertThrows(NullPointerException.class, () -> s.difference((Iterable<?>[]) null));
        assertThrows(NullPointerException.class, () -> s.symmetricDifference(null));
        assertThrows(NullPointerException.class, () -> s.isSubset(null));
        assertThrows(NullPointerException.class, () -> s.isSuperset(null));
        assertThrows(NullPointerException.class, () -> s.isDisjoint(null));
        assertThrows(NullPointerException.class, () -> s.addAll(null));
        assertThrows(NullPointerException.class, () -> s.removeAll(null));
        assertThrows(NullPointerException.class, () -> s.retainAll(null));
        assertThrows(NullPointerException.class, () -> s.containsAll(null));
        assertThrows(NullPointerException.class, () -> s.removeIf(null));
        assertEquals(List.of(1, 2), order(s));
    }

    @Test
    void aFailingArgumentChangesNothing() {
        TSet<Integer> s = TSet.of(1, 2);
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.update(List.of(7), failingAfter(2, boom))));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.symmetricDifferenceUpdate(failingAfter(3, boom))));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.differenceUpdate(List.of(1), failingAfter(1, boom))));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.intersectionUpdate(failingAfter(1, boom))));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> s.removeIf(x -> {
            if (x == 2) {
                throw boom;
            }
            return true;
        })));
        // Set.of(...).contains(null) throws: retainAll fails cleanly
        s.add(null);
        assertThrows(NullPointerException.class, () -> s.retainAll(Set.of(1)));
        assertEquals(Arrays.asList(1, 2, null), order(s));
    }

    // ---------------------------------------------------------------------------------------------
    // java.util.Set
    // ---------------------------------------------------------------------------------------------

    @Test
    void setEqualityAndHashing() {
        TSet<Integer> s = TSet.of(3, 1, 2);
        assertEquals(Set.of(1, 2, 3), s);
        assertEquals(s, Set.of(1, 2, 3));
        assertEquals(new HashSet<>(List.of(1, 2, 3)).hashCode(), s.hashCode());
        assertEquals(TSet.of(1, 2, 3), s); // order does not matter
        assertNotEquals(TSet.of(1, 2), s);
        assertNotEquals(List.of(3, 1, 2), s);
        assertEquals(s, s);
        TSet<Integer> withNull = TSet.of(1, null);
        assertNotEquals(Set.of(1, 2), withNull); // Set.of().contains(null) throws: not equal
        assertEquals(new HashSet<>(Arrays.asList(null, 1)), withNull);
        assertEquals(new HashSet<>(Arrays.asList(null, 1)).hashCode(), withNull.hashCode());
        assertEquals("[3, 1, 2]", s.toString());
    }

    @Test
    void javaBulkOperations() {
        TSet<Integer> s = TSet.of(1, 2, 3, 4);
        assertTrue(s.removeAll(List.of(2, 9)));
        assertFalse(s.removeAll(List.of(9)));
        assertTrue(s.retainAll(Set.of(1, 4)));
        assertFalse(s.retainAll(Set.of(1, 4)));
        assertEquals(List.of(1, 4), order(s));
        assertTrue(s.addAll(List.of(4, 5, 6)));
        assertFalse(s.addAll(List.of(5)));
        assertTrue(s.removeIf(x -> x % 2 == 0));
        assertEquals(List.of(1, 5), order(s));
        s.clear();
        assertTrue(s.isEmpty());
        TSet<Integer> t = TSet.of(1, 2);
        assertFalse(t.addAll(t));
        assertTrue(t.removeAll(t));
        assertTrue(t.isEmpty());
    }

    @Test
    void iteratorIsASnapshotAndRemovesFromTheSet() {
        TSet<Integer> s = TSet.of(1, 2, 3);
        Iterator<Integer> it = s.iterator();
        s.add(4);
        s.discard(3);
        assertEquals(1, it.next());
        it.remove();
        assertThrows(IllegalStateException.class, it::remove);
        assertEquals(2, it.next());
        assertEquals(3, it.next()); // the snapshot still has it
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(List.of(2, 4), order(s));
        assertArrayEquals(new Object[] {2, 4}, s.toArray());
        assertArrayEquals(new Integer[] {2, 4}, s.toArray(new Integer[0]));
        assertEquals(List.of(2, 4), s.stream().collect(Collectors.toList()));
        assertEquals(List.of(4, 2), s.stream().sorted((a, b) -> b - a).collect(Collectors.toList()));
        assertEquals(new LinkedHashSet<>(List.of(2, 4)), new LinkedHashSet<>(s));
    }

    // ---------------------------------------------------------------------------------------------
    // Composition
    // ---------------------------------------------------------------------------------------------

    @Test
    void operationsComposeAndRollBackTogether() {
        TSet<String> todo = TSet.of("a", "b");
        TSet<String> done = new TSet<>();
        atomic(() -> {
            done.add(todo.pop());
        });
        assertEquals(List.of("a"), order(todo));
        assertEquals(List.of("b"), order(done));
        TVar<Integer> counter = new TVar<>(0);
        RuntimeException boom = new RuntimeException("boom");
        assertSame(boom, assertThrows(RuntimeException.class, () -> atomic(() -> {
            done.update(todo);
            todo.clear();
            counter.set(1);
            throw boom;
        })));
        assertEquals(List.of("a"), order(todo));
        assertEquals(List.of("b"), order(done));
        assertEquals(0, counter.get());
        // inside a transaction, a failing operation undoes only its own writes
        atomic(() -> {
            todo.add("c");
            assertThrows(KeyError.class, () -> done.removeItem("zzz"));
            assertThrows(IllegalStateException.class, () -> todo.update(List.of("d"), failing(new IllegalStateException())));
            assertEquals(List.of("a", "c"), order(todo));
        });
        assertEquals(List.of("a", "c"), order(todo));
    }

    @Test
    void readsInsideATransactionSeeItsOwnWrites() {
        TSet<Integer> s = TSet.of(1);
        int n = atomic(() -> {
            s.add(2);
            s.discard(1);
            assertEquals(List.of(2), order(s));
            assertEquals(List.of(2, 3), order(s.union(List.of(3))));
            return s.len();
        });
        assertEquals(1, n);
    }
}
