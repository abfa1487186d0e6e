package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Written only against the names and semantics of SPEC.md's stm-collections section: if this
 * file stops compiling or passing, the public contract changed.
 */
class SpecOnlyCollectionsTest {

    @Test
    void listSurface() {
        TList<Integer> l = TList.of(3, 1, 2);
        assertTrue(l instanceof List && l instanceof RandomAccess);
        l.append(4);
        l.extend(List.of(5, 6));
        l.insert(-100, 0); // clamps to the front
        l.insert(100, 7); // clamps to the end
        assertEquals(List.of(0, 3, 1, 2, 4, 5, 6, 7), l);
        assertEquals(7, l.pop());
        assertEquals(0, l.pop(0));
        assertEquals(6, l.pop(-1));
        assertEquals(5, l.getItem(-1));
        l.setItem(-1, 50);
        l.delItem(0);
        assertEquals(List.of(1, 2, 4, 50), l);
        assertEquals(2, l.index(4));
        assertEquals(2, l.index(4, 1));
        assertEquals(2, l.index(4, 1, 3));
        assertThrows(ValueError.class, () -> l.index(4, 0, 2));
        assertEquals(1, l.count(50));
        l.reverse();
        assertEquals(List.of(50, 4, 2, 1), l);
        l.sort(null, false);
        assertEquals(List.of(1, 2, 4, 50), l);
        l.sort(Comparator.naturalOrder(), true);
        assertEquals(List.of(50, 4, 2, 1), l);
        TList<Integer> c = l.copy();
        c.append(9);
        assertEquals(4, l.len());
        assertEquals(List.of(50, 2), l.slice(null, null, 2));
        assertEquals(List.of(1, 2, 4, 50), l.slice(null, null, -1));
        l.setSlice(0, 2, null, List.of(7, 8, 9));
        assertEquals(List.of(7, 8, 9, 2, 1), l);
        l.delSlice(null, null, 2);
        assertEquals(List.of(8, 2), l);
        assertThrows(ValueError.class, () -> l.slice(null, null, 0));
        assertThrows(ValueError.class, () -> l.setSlice(null, null, 0, List.of()));
        assertThrows(ValueError.class, () -> l.delSlice(null, null, 0));
        assertEquals(List.of(8, 2), l);
        TList<String> f = TList.from(List.of("a"));
        f.append(null); // None is allowed
        assertEquals(2, f.len());
    }

    @Test
    void listErrorsUsePythonMessages() {
        TList<Integer> l = new TList<>();
        assertEquals("pop from empty list", assertThrows(IndexError.class, l::pop).getMessage());
        l.append(1);
        assertEquals("pop index out of range", assertThrows(IndexError.class, () -> l.pop(5)).getMessage());
        assertEquals("list index out of range", assertThrows(IndexError.class, () -> l.getItem(1)).getMessage());
        assertEquals("list assignment index out of range",
                assertThrows(IndexError.class, () -> l.setItem(-2, 0)).getMessage());
        assertEquals("list assignment index out of range",
                assertThrows(IndexError.class, () -> l.delItem(3)).getMessage());
        assertTrue(assertThrows(IndexError.class, () -> l.getItem(9)) instanceof IndexOutOfBoundsException);
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(-1)); // the java.util.List contract
        assertFalse(l.remove((Object) 42));
    }

    @Test
    void listSelfReferenceBehavesAsInPython() {
        TList<Integer> l = TList.of(1, 2);
        l.extend(l);
        assertEquals(List.of(1, 2, 1, 2), l);
        l.setSlice(null, null, -1, l);
        assertEquals(List.of(2, 1, 2, 1), l);
    }

    @Test
    void dictSurface() {
        TDict<String, Integer> d = TDict.from(Map.of("a", 1));
        assertTrue(d instanceof Map);
        d.update(Map.of("b", 2));
        assertEquals(1, d.getItem("a"));
        assertEquals(9, d.get("zz", 9));
        assertEquals(3, d.setdefault("c", 3));
        assertEquals(3, d.pop("c"));
        assertEquals(8, d.pop("c", 8));
        Map.Entry<String, Integer> last = d.popitem();
        assertEquals("b", last.getKey());
        d.put(null, null);
        d.delItem(null);
        assertEquals(1, d.len());
        TDict<String, Integer> copy = d.copy();
        copy.put("x", 0);
        assertEquals(Set.of("a"), d.keys());
        assertEquals(List.of(1), List.copyOf(d.values()));
        assertEquals(Set.of(Map.entry("a", 1)), d.items());
        assertEquals(List.of("k1", "k2"), List.copyOf(TDict.fromkeys(List.of("k1", "k2"), 0).keys()));
        assertThrows(KeyError.class, () -> d.getItem("nope"));
        assertThrows(KeyError.class, () -> d.delItem("nope"));
        assertThrows(KeyError.class, () -> d.pop("nope"));
        assertTrue(assertThrows(KeyError.class, () -> new TDict<>().popitem()) instanceof NoSuchElementException);
        assertEquals("'popitem(): dictionary is empty'",
                assertThrows(KeyError.class, () -> new TDict<>().popitem()).getMessage());
        d.update(d);
        assertEquals(Map.of("a", 1), d);
    }

    @Test
    void setAndQueueExist() throws InterruptedException {
        TSet<Integer> s = new TSet<>();
        s.add(1);
        assertTrue(s instanceof Set && s.contains(1));
        TQueue<Integer> q = new TQueue<>(2);
        q.put(1);
        assertEquals(1, q.take());
    }

    @Test
    void theSpecsFirstExampleComposes() {
        TList<Integer> list1 = TList.of(1, 2, 3);
        TList<Integer> list2 = new TList<>();
        atomic(() -> list2.append(list1.pop()));
        assertEquals(List.of(1, 2), list1);
        assertEquals(List.of(3), list2);
        assertTrue(assertThrows(ValueError.class, () -> TList.of(1).index(2)) instanceof IllegalArgumentException);
    }
}
