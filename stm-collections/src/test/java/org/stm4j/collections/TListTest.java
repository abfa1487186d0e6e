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
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.RandomAccess;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stm4j.TVar;

/** TList: the Python methods with Python's semantics and messages, the List contract, composition. */
class TListTest {

    /** The list's contents as a java.util list (nulls allowed). */
    private static void assertContents(TList<?> l, Object... expected) {
        assertEquals(Arrays.asList(expected), new ArrayList<>(l));
        assertEquals(expected.length, l.len());
    }

    /** {@code op} throws {@code type} with {@code message} and leaves {@code l} as it was. */
    private static <T extends Throwable> T assertFailsUnchanged(Class<T> type, String message, TList<?> l, Executable op) {
        List<Object> before = new ArrayList<>(l);
        T e = assertThrows(type, op);
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
        assertEquals(before, new ArrayList<>(l), "list changed by a failed operation");
        return e;
    }

    // ---------------------------------------------------------------------------------------------
    // Construction
    // ---------------------------------------------------------------------------------------------

    @Test
    void constructors() {
        assertContents(new TList<String>());
        assertContents(TList.of("a", null, "c"), "a", null, "c");
        assertContents(TList.from(List.of(1, 2)), 1, 2);
        Iterable<Integer> notACollection = () -> List.of(3, 4).iterator();
        assertContents(TList.from(notACollection), 3, 4);
        assertContents(new TList<>(Arrays.asList(5, null)), 5, null);
        assertContents(TList.from(TList.of(1, 2)), 1, 2);
        assertThrows(NullPointerException.class, () -> TList.from(null));
        assertTrue(new TList<Integer>() instanceof RandomAccess);
    }

    @Test
    void ofCopiesTheArray() {
        String[] a = {"x", "y"};
        TList<String> l = TList.of(a);
        a[0] = "changed";
        assertContents(l, "x", "y");
    }

    // ---------------------------------------------------------------------------------------------
    // l[i], l[i] = x, del l[i]
    // ---------------------------------------------------------------------------------------------

    @Test
    void getItemWithPythonIndices() {
        TList<String> l = TList.of("a", "b", "c");
        assertEquals("a", l.getItem(0));
        assertEquals("c", l.getItem(2));
        assertEquals("c", l.getItem(-1));
        assertEquals("a", l.getItem(-3));
        assertEquals("list index out of range", assertThrows(IndexError.class, () -> l.getItem(3)).getMessage());
        assertEquals("list index out of range", assertThrows(IndexError.class, () -> l.getItem(-4)).getMessage());
        assertEquals("list index out of range",
                assertThrows(IndexError.class, () -> new TList<>().getItem(0)).getMessage());
        assertThrows(IndexError.class, () -> l.getItem(Integer.MAX_VALUE));
        assertThrows(IndexError.class, () -> l.getItem(Integer.MIN_VALUE));
    }

    @Test
    void setItemAndDelItem() {
        TList<String> l = TList.of("a", "b", "c");
        l.setItem(0, "A");
        l.setItem(-1, "C");
        assertContents(l, "A", "b", "C");
        assertFailsUnchanged(IndexError.class, "list assignment index out of range", l, () -> l.setItem(3, "x"));
        assertFailsUnchanged(IndexError.class, "list assignment index out of range", l, () -> l.setItem(-4, "x"));
        l.delItem(-1);
        l.delItem(0);
        assertContents(l, "b");
        assertFailsUnchanged(IndexError.class, "list assignment index out of range", l, () -> l.delItem(1));
        assertFailsUnchanged(IndexError.class, "list assignment index out of range", l, () -> l.delItem(-2));
        l.setItem(0, null);
        assertContents(l, (Object) null);
    }

    // ---------------------------------------------------------------------------------------------
    // append, extend, insert, pop, remove, clear
    // ---------------------------------------------------------------------------------------------

    @Test
    void appendAndPop() {
        TList<Integer> l = new TList<>();
        l.append(1);
        l.append(null);
        l.append(3);
        assertEquals(3, l.pop());
        assertNull(l.pop());
        assertEquals(1, l.pop());
        assertEquals("pop from empty list", assertThrows(IndexError.class, l::pop).getMessage());
        assertEquals("pop from empty list", assertThrows(IndexError.class, () -> l.pop(0)).getMessage());
        assertEquals("pop from empty list", assertThrows(IndexError.class, () -> l.pop(-1)).getMessage());
    }

    @Test
    void popWithIndex() {
        TList<Integer> l = TList.of(0, 1, 2, 3, 4);
        assertEquals(1, l.pop(1));
        assertEquals(4, l.pop(-1));
        assertEquals(0, l.pop(-3));
        assertContents(l, 2, 3);
        assertFailsUnchanged(IndexError.class, "pop index out of range", l, () -> l.pop(2));
        assertFailsUnchanged(IndexError.class, "pop index out of range", l, () -> l.pop(-3));
    }

    @Test
    void extend() {
        TList<Integer> l = TList.of(1, 2);
        l.extend(List.of(3, 4));
        l.extend(new ArrayList<>());
        Iterable<Integer> lazy = () -> List.of(5).iterator();
        l.extend(lazy);
        assertContents(l, 1, 2, 3, 4, 5);
        l.extend(TList.of(6));
        assertContents(l, 1, 2, 3, 4, 5, 6);
    }

    @Test
    void extendWithItselfDoubles() {
        TList<Integer> l = TList.of(1, 2, 3);
        l.extend(l);
        assertContents(l, 1, 2, 3, 1, 2, 3);
        l.addAll(l);
        assertEquals(12, l.len());
    }

    @Test
    void extendWithNullOrFailingIterableChangesNothing() {
        TList<Integer> l = TList.of(1);
        assertFailsUnchanged(NullPointerException.class, null, l, () -> l.extend(null));
        Iterable<Integer> failing = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (i++ == 2) {
                    throw new IllegalStateException("boom");
                }
                return i;
            }
        };
        assertFailsUnchanged(IllegalStateException.class, "boom", l, () -> l.extend(failing));
        assertFailsUnchanged(NullPointerException.class, null, l, () -> l.addAll(null));
        assertFailsUnchanged(NullPointerException.class, null, l, () -> l.setSlice(0, 1, null, null));
        assertFailsUnchanged(NullPointerException.class, null, l, () -> l.concat(null));
    }

    @Test
    void insertClampsAsPython() {
        TList<String> l = TList.of("a", "b");
        l.insert(100, "end");
        l.insert(-100, "front");
        l.insert(-1, "beforeLast");
        l.insert(1, "second");
        assertContents(l, "front", "second", "a", "b", "beforeLast", "end");
        TList<String> e = new TList<>();
        e.insert(-5, "x");
        e.insert(5, "y");
        assertContents(e, "x", "y");
    }

    @Test
    void removeItemAndRemove() {
        TList<String> l = TList.of("a", "b", "a", null);
        l.removeItem("a");
        assertContents(l, "b", "a", null);
        l.removeItem(null);
        assertContents(l, "b", "a");
        assertFailsUnchanged(ValueError.class, "list.remove(x): x not in list", l, () -> l.removeItem("z"));
        assertTrue(l.remove("a"));
        assertFalse(l.remove("a"));
        assertContents(l, "b");
        assertEquals("b", l.remove(0));
        assertTrue(l.isEmpty());
    }

    @Test
    void clearKeepsTheListUsable() {
        TList<Integer> l = new TList<>();
        for (int i = 0; i < 100; i++) {
            l.append(i);
        }
        l.clear();
        assertContents(l);
        assertThrows(IndexError.class, () -> l.getItem(0));
        assertThrows(IndexError.class, () -> l.getItem(99));
        l.append(7);
        assertContents(l, 7);
        assertThrows(IndexError.class, () -> l.getItem(1));
    }

    // ---------------------------------------------------------------------------------------------
    // index, count, in
    // ---------------------------------------------------------------------------------------------

    @Test
    void indexWithBounds() {
        TList<String> l = TList.of("a", "b", "c", "b");
        assertEquals(1, l.index("b"));
        assertEquals(3, l.index("b", 2));
        assertEquals(3, l.index("b", -1));
        assertEquals(1, l.index("b", -100, 100));
        assertEquals(1, l.index("b", 0, -2));
        assertEquals("'b' is not in list", assertThrows(ValueError.class, () -> l.index("b", 0, 1)).getMessage());
        assertEquals("'z' is not in list", assertThrows(ValueError.class, () -> l.index("z")).getMessage());
        assertEquals("None is not in list", assertThrows(ValueError.class, () -> l.index(null)).getMessage());
        assertEquals("5 is not in list", assertThrows(ValueError.class, () -> TList.of(1).index(5)).getMessage());
        assertEquals("\"it's\" is not in list", assertThrows(ValueError.class, () -> l.index("it's")).getMessage());
        assertThrows(ValueError.class, () -> l.index("a", 5, 2));
    }

    @Test
    void countContainsIndexOf() {
        TList<String> l = TList.of("a", null, "a", "b");
        assertEquals(2, l.count("a"));
        assertEquals(1, l.count(null));
        assertEquals(0, l.count("z"));
        assertTrue(l.contains(null));
        assertTrue(l.contains("b"));
        assertFalse(l.contains("z"));
        assertEquals(2, l.lastIndexOf("a"));
        assertEquals(0, l.indexOf("a"));
        assertEquals(-1, l.indexOf("z"));
        assertEquals(-1, l.lastIndexOf("z"));
        assertTrue(l.containsAll(List.of("a", "b")));
        assertFalse(l.containsAll(List.of("a", "z")));
    }

    // ---------------------------------------------------------------------------------------------
    // reverse, sort
    // ---------------------------------------------------------------------------------------------

    @Test
    void reverse() {
        TList<Integer> l = TList.of(1, 2, 3, 4);
        l.reverse();
        assertContents(l, 4, 3, 2, 1);
        TList<Integer> e = new TList<>();
        e.reverse();
        assertContents(e);
    }

    /** A record-like pair compared by key only, so stability is visible. */
    private static final class Item {
        final int key;
        final String tag;

        Item(int key, String tag) {
            this.key = key;
            this.tag = tag;
        }

        @Override
        public String toString() {
            return key + tag;
        }
    }

    @Test
    void sortIsStableAlsoReversed() {
        // Python: sorted([(1,'a'),(0,'b'),(1,'c'),(0,'d')], key=lambda t: t[0], reverse=True)
        //   == [(1, 'a'), (1, 'c'), (0, 'b'), (0, 'd')]
        TList<Item> l = TList.of(new Item(1, "a"), new Item(0, "b"), new Item(1, "c"), new Item(0, "d"));
        Comparator<Item> byKey = Comparator.comparingInt(i -> i.key);
        l.sort(byKey, true);
        assertEquals("[1a, 1c, 0b, 0d]", l.toString());
        l.sort(byKey, false);
        assertEquals("[0b, 0d, 1a, 1c]", l.toString());
    }

    @Test
    void sortNaturalOrder() {
        TList<String> l = TList.of("b", "c", "a");
        l.sort(null, false);
        assertContents(l, "a", "b", "c");
        l.sort(null, true);
        assertContents(l, "c", "b", "a");
        l.sort(null);
        assertContents(l, "a", "b", "c");
    }

    @Test
    void sortFailuresChangeNothing() {
        TList<Object> mixed = TList.of(3, "a", 1);
        assertFailsUnchanged(ClassCastException.class, null, mixed, () -> mixed.sort(null, false));
        TList<Object> notComparable = TList.of(new Object(), new Object());
        assertFailsUnchanged(ClassCastException.class, null, notComparable, () -> notComparable.sort(null, false));
        TList<Integer> withNull = TList.of(2, null, 1);
        assertFailsUnchanged(NullPointerException.class, null, withNull, () -> withNull.sort(null, false));
        TList<Integer> l = TList.of(3, 2, 1);
        Comparator<Integer> failing = (a, b) -> {
            throw new IllegalStateException("comparator failed");
        };
        assertFailsUnchanged(IllegalStateException.class, "comparator failed", l, () -> l.sort(failing, false));
        // Python never compares a single element: [object()].sort() works.
        TList<Object> one = TList.of(new Object());
        one.sort(null, false);
        assertEquals(1, one.len());
    }

    /**
     * Issue 13, D6: a comparator that modifies the list. Python raises {@code ValueError: list
     * modified during sort}; here too, and (the rule of every operation that throws) the list is left
     * exactly as it was before {@code sort}: the comparator's own modifications are undone as well.
     */
    @Test
    void sortDetectsAComparatorThatModifiesTheList() {
        TList<Integer> appends = TList.of(3, 1, 2);
        Comparator<Integer> appending = (a, b) -> {
            appends.append(99);
            return Integer.compare(a, b);
        };
        assertFailsUnchanged(ValueError.class, "list modified during sort", appends, () -> appends.sort(appending, false));

        TList<Integer> pops = TList.of(3, 1, 2, 5, 4);
        Comparator<Integer> popping = (a, b) -> {
            if (pops.len() > 3) {
                pops.pop();
            }
            return Integer.compare(a, b);
        };
        assertFailsUnchanged(ValueError.class, "list modified during sort", pops, () -> pops.sort(popping, true));

        TList<Integer> sets = TList.of(3, 1, 2);
        Comparator<Integer> setting = (a, b) -> {
            sets.setItem(0, 7); // same size, another element
            return Integer.compare(a, b);
        };
        assertFailsUnchanged(ValueError.class, "list modified during sort", sets, () -> sets.sort(setting, false));

        // inside a transaction: only the sort is undone, the block's earlier writes stay
        TList<Integer> l = TList.of(2, 1);
        TVar<Integer> x = new TVar<>(0);
        atomic(() -> {
            x.set(1);
            l.append(0);
            assertThrows(ValueError.class, () -> l.sort((a, b) -> {
                l.setItem(0, 5);
                return Integer.compare(a, b);
            }, false));
            assertEquals(List.of(2, 1, 0), new ArrayList<>(l));
        });
        assertEquals(1, x.get());
        assertContents(l, 2, 1, 0);

        // a comparator that writes only other TVars is fine, and the list is sorted
        TVar<Integer> comparisons = new TVar<>(0);
        TList<Integer> ok = TList.of(3, 1, 2);
        ok.sort((a, b) -> {
            comparisons.set(comparisons.get() + 1);
            return Integer.compare(a, b);
        }, false);
        assertContents(ok, 1, 2, 3);
        assertTrue(comparisons.get() > 0);
    }

    // ---------------------------------------------------------------------------------------------
    // copy, +, *, *=
    // ---------------------------------------------------------------------------------------------

    @Test
    void copyIsIndependent() {
        TList<Integer> l = TList.of(1, 2);
        TList<Integer> c = l.copy();
        c.append(3);
        l.setItem(0, 9);
        assertContents(l, 9, 2);
        assertContents(c, 1, 2, 3);
    }

    @Test
    void concatAndRepeat() {
        TList<Integer> l = TList.of(1, 2);
        assertContents(l.concat(List.of(3)), 1, 2, 3);
        assertContents(l.concat(l), 1, 2, 1, 2);
        assertContents(l.repeat(3), 1, 2, 1, 2, 1, 2);
        assertContents(l.repeat(0));
        assertContents(l.repeat(1), 1, 2);
        assertContents(l, 1, 2);
        ValueError e = assertFailsUnchanged(ValueError.class, null, l, () -> l.repeat(-1));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void repeatInPlace() {
        TList<Integer> l = TList.of(1, 2);
        l.repeatInPlace(1);
        assertContents(l, 1, 2);
        l.repeatInPlace(3);
        assertContents(l, 1, 2, 1, 2, 1, 2);
        assertFailsUnchanged(ValueError.class, "repeat count must not be negative: -2", l, () -> l.repeatInPlace(-2));
        l.repeatInPlace(0);
        assertContents(l);
        l.repeatInPlace(5);
        assertContents(l);
    }

    @Test
    void tooLargeResultIsRefusedBeforeAnyWrite() {
        TList<Integer> l = TList.of(1, 2, 3);
        assertFailsUnchanged(OutOfMemoryError.class, null, l, () -> l.repeatInPlace(Integer.MAX_VALUE));
        assertThrows(OutOfMemoryError.class, () -> l.repeat(Integer.MAX_VALUE));
    }

    // ---------------------------------------------------------------------------------------------
    // Slices (the CPython corpus covers the index arithmetic; these cover the rest)
    // ---------------------------------------------------------------------------------------------

    @Test
    void sliceBasics() {
        TList<Integer> l = TList.of(0, 1, 2, 3, 4, 5);
        assertContents(l.slice(1, 4, null), 1, 2, 3);
        assertContents(l.slice(null, null, -2), 5, 3, 1);
        assertContents(l.slice(4, 100, null), 4, 5);
        assertContents(l.slice(0, 100, 4), 0, 4);
        assertContents(l.slice(100, 200, null));
        assertContents(l.slice(-2, null, null), 4, 5);
        assertContents(l.slice(null, null, Integer.MIN_VALUE), 5);
        assertContents(l.slice(null, null, Integer.MAX_VALUE), 0);
        assertContents(l.slice(Integer.MIN_VALUE, Integer.MAX_VALUE, null), 0, 1, 2, 3, 4, 5);
        TList<Integer> s = l.slice(null, null, null);
        s.append(6);
        assertEquals(6, l.len());
    }

    @Test
    void stepZeroIsAValueErrorEverywhere() {
        TList<Integer> l = TList.of(0, 1, 2);
        String m = "slice step cannot be zero";
        assertFailsUnchanged(ValueError.class, m, l, () -> l.slice(null, null, 0));
        assertFailsUnchanged(ValueError.class, m, l, () -> l.setSlice(null, null, 0, List.of()));
        assertFailsUnchanged(ValueError.class, m, l, () -> l.delSlice(null, null, 0));
        // Python checks the step before the value: l[::0] = None is a ValueError, not a TypeError.
        assertFailsUnchanged(ValueError.class, m, l, () -> l.setSlice(null, null, 0, null));
    }

    @Test
    void setSliceResizesWithStepOne() {
        TList<Integer> l = TList.of(0, 1, 2, 3);
        l.setSlice(1, 3, null, List.of(7, 8, 9));
        assertContents(l, 0, 7, 8, 9, 3);
        l.setSlice(1, 4, 1, List.of());
        assertContents(l, 0, 3);
        l.setSlice(5, 1, null, List.of(4)); // start past the end: an append
        assertContents(l, 0, 3, 4);
        l.setSlice(null, null, null, List.of());
        assertContents(l);
    }

    @Test
    void extendedSliceAssignmentNeedsMatchingSize() {
        TList<Integer> l = TList.of(0, 1, 2, 3, 4);
        l.setSlice(null, null, 2, List.of(10, 12, 14));
        assertContents(l, 10, 1, 12, 3, 14);
        assertFailsUnchanged(ValueError.class, "attempt to assign sequence of size 2 to extended slice of size 3",
                l, () -> l.setSlice(null, null, 2, List.of(1, 2)));
        assertFailsUnchanged(ValueError.class, "attempt to assign sequence of size 1 to extended slice of size 0",
                l, () -> l.setSlice(5, 2, 2, List.of(1)));
        l.setSlice(5, 2, 2, List.of());
        assertContents(l, 10, 1, 12, 3, 14);
    }

    @Test
    void selfReferentialSliceAssignment() {
        TList<Integer> l = TList.of(1, 2, 3);
        l.setSlice(null, null, -1, l); // Python: l[::-1] = l
        assertContents(l, 3, 2, 1);
        l.setSlice(1, 2, null, l); // l[1:2] = l
        assertContents(l, 3, 3, 2, 1, 1);
        l.setSlice(null, null, null, l);
        assertContents(l, 3, 3, 2, 1, 1);
    }

    @Test
    void delSlice() {
        TList<Integer> l = TList.of(0, 1, 2, 3, 4, 5, 6);
        l.delSlice(null, null, 3);
        assertContents(l, 1, 2, 4, 5);
        l.delSlice(null, null, -2);
        assertContents(l, 1, 4);
        l.delSlice(5, 10, null);
        assertContents(l, 1, 4);
        l.delSlice(null, null, null);
        assertContents(l);
    }

    // ---------------------------------------------------------------------------------------------
    // java.util.List
    // ---------------------------------------------------------------------------------------------

    @Test
    void javaIndicesDoNotWrap() {
        TList<String> l = TList.of("a", "b");
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> l.get(2));
        assertFailsUnchanged(IndexOutOfBoundsException.class, null, l, () -> l.set(-1, "x"));
        assertFailsUnchanged(IndexOutOfBoundsException.class, null, l, () -> l.set(2, "x"));
        assertFailsUnchanged(IndexOutOfBoundsException.class, null, l, () -> l.add(3, "x"));
        assertFailsUnchanged(IndexOutOfBoundsException.class, null, l, () -> l.add(-1, "x"));
        assertFailsUnchanged(IndexOutOfBoundsException.class, null, l, () -> l.remove(-1));
        assertFailsUnchanged(IndexOutOfBoundsException.class, null, l, () -> l.remove(2));
        assertFailsUnchanged(IndexOutOfBoundsException.class, null, l, () -> l.addAll(3, List.of("x")));
        assertThrows(IndexOutOfBoundsException.class, () -> l.listIterator(3));
        assertEquals("Index 2 out of bounds for length 2",
                assertThrows(IndexOutOfBoundsException.class, () -> l.get(2)).getMessage());
        assertEquals("b", l.set(1, "B"));
        l.add(0, "first");
        l.add(3, "last");
        assertContents(l, "first", "a", "B", "last");
        assertTrue(l.addAll(1, List.of("x", "y")));
        assertFalse(l.addAll(1, List.of()));
        assertContents(l, "first", "x", "y", "a", "B", "last");
    }

    @Test
    void equalsHashCodeToString() {
        TList<String> l = TList.of("a", null);
        List<String> same = Arrays.asList("a", null);
        assertEquals(l, same);
        assertEquals(same, l);
        assertEquals(same.hashCode(), l.hashCode());
        assertEquals(l, TList.of("a", null));
        assertNotEquals(l, TList.of("a"));
        assertNotEquals(l, Arrays.asList("a", null, "c"));
        assertNotEquals(l, Collections.singleton("a"));
        assertEquals("[a, null]", l.toString());
        assertEquals("[]", new TList<>().toString());
        assertEquals(List.of().hashCode(), new TList<>().hashCode());
        TList<Object> self = TList.of("x");
        self.append(self);
        assertEquals("[x, (this Collection)]", self.toString());
    }

    @Test
    void bulkJavaOperations() {
        TList<Integer> l = TList.of(1, 2, 3, 4, 5, 6);
        assertTrue(l.removeIf(x -> x % 2 == 0));
        assertFalse(l.removeIf(x -> x > 100));
        assertContents(l, 1, 3, 5);
        l.replaceAll(x -> x * 10);
        assertContents(l, 10, 30, 50);
        assertTrue(l.removeAll(List.of(30)));
        assertTrue(l.retainAll(List.of(50)));
        assertContents(l, 50);
        assertThrows(NullPointerException.class, () -> l.removeAll(null));
        assertThrows(NullPointerException.class, () -> l.retainAll(null));
        assertThrows(NullPointerException.class, () -> l.removeIf(null));
        assertThrows(NullPointerException.class, () -> l.containsAll(null));
    }

    @Test
    void arraysStreamsAndForEach() {
        TList<Integer> l = TList.of(1, 2, 3);
        assertArrayEquals(new Object[] {1, 2, 3}, l.toArray());
        assertArrayEquals(new Integer[] {1, 2, 3}, l.toArray(new Integer[0]));
        Integer[] big = {9, 9, 9, 9, 9};
        assertSame(big, l.toArray(big));
        assertArrayEquals(new Integer[] {1, 2, 3, null, 9}, big);
        assertArrayEquals(new Integer[] {1, 2, 3}, l.toArray(Integer[]::new));
        assertThrows(ArrayStoreException.class, () -> l.toArray(new String[0]));
        assertEquals(List.of(2, 4, 6), l.stream().map(x -> x * 2).collect(Collectors.toList()));
        List<Integer> seen = new ArrayList<>();
        l.forEach(seen::add);
        assertEquals(List.of(1, 2, 3), seen);
    }

    @Test
    void subListWritesThrough() {
        TList<Integer> l = TList.of(0, 1, 2, 3, 4, 5);
        List<Integer> sub = l.subList(1, 4);
        assertEquals(List.of(1, 2, 3), sub);
        sub.set(0, 10);
        sub.remove(Integer.valueOf(2));
        assertContents(l, 0, 10, 3, 4, 5);
        sub.clear();
        assertContents(l, 0, 4, 5);
        sub.add(7);
        assertContents(l, 0, 7, 4, 5);
    }

    @Test
    void listIteratorNavigatesAndWrites() {
        TList<String> l = TList.of("a", "b", "c");
        ListIterator<String> it = l.listIterator();
        assertFalse(it.hasPrevious());
        assertThrows(NoSuchElementException.class, it::previous);
        assertThrows(IllegalStateException.class, it::remove);
        assertEquals("a", it.next());
        it.set("A");
        assertEquals("b", it.next());
        it.remove();
        assertThrows(IllegalStateException.class, it::remove);
        it.add("x");
        assertEquals(2, it.nextIndex());
        assertEquals("x", it.previous());
        assertEquals("x", it.next());
        assertEquals("c", it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertContents(l, "A", "x", "c");
        ListIterator<String> back = l.listIterator(3);
        assertEquals("c", back.previous());
        assertEquals(1, back.previousIndex());
        Iterator<String> all = l.iterator();
        while (all.hasNext()) {
            all.next();
            all.remove();
        }
        assertContents(l);
    }

    @Test
    void iteratorOutsideTransactionIsLive() {
        TList<Integer> l = TList.of(1, 2);
        Iterator<Integer> it = l.iterator();
        assertEquals(1, it.next());
        l.append(3); // seen: each step reads the list as it is now
        assertEquals(2, it.next());
        assertTrue(it.hasNext());
        l.pop(); // hasNext() fetched 3: next() returns it although it is gone now
        assertEquals(3, it.next());
        assertFalse(it.hasNext());
        l.clear();
        ListIterator<Integer> stale = l.listIterator();
        l.append(1);
        stale.next();
        l.clear();
        assertThrows(ConcurrentModificationException.class, stale::remove);
    }

    /**
     * Issue 13, D8's class of bug in TList: an iterator's {@code remove}/{@code set} must act on the
     * element last returned, not on whatever has moved into its index since: when that element is no
     * longer at its index they throw ConcurrentModificationException and change nothing.
     */
    @Test
    void iteratorRemoveAndSetNeverActOnAnotherElement() {
        TList<String> l = TList.of("a", "b", "c");
        Iterator<String> it = l.iterator();
        assertEquals("a", it.next());
        assertEquals("b", it.next());
        l.insert(0, "z"); // another thread: "b" moves to index 2
        assertThrows(ConcurrentModificationException.class, it::remove);
        assertContents(l, "z", "a", "b", "c");

        ListIterator<String> li = l.listIterator();
        assertEquals("z", li.next());
        l.delItem(0); // "a" moves into index 0
        assertThrows(ConcurrentModificationException.class, () -> li.set("y"));
        assertContents(l, "a", "b", "c");

        // unchanged: both still work
        ListIterator<String> fine = l.listIterator();
        assertEquals("a", fine.next());
        fine.set("A");
        assertEquals("b", fine.next());
        fine.remove();
        assertContents(l, "A", "c");

        // the same inside one transaction, where the block itself moves the element
        TList<String> m = TList.of("a", "b");
        atomic(() -> {
            Iterator<String> mi = m.iterator();
            mi.next();
            m.insert(0, "z");
            assertThrows(ConcurrentModificationException.class, mi::remove);
        });
        assertContents(m, "z", "a", "b");
    }

    @Test
    void iteratorInsideTransactionSeesOwnWrites() {
        TList<Integer> l = TList.of(1, 2);
        List<Integer> seen = atomic(() -> {
            List<Integer> out = new ArrayList<>();
            Iterator<Integer> it = l.iterator();
            assertTrue(it.hasNext());
            l.setItem(0, 10); // a write between hasNext and next is seen inside a transaction
            out.add(it.next());
            l.append(3);
            while (it.hasNext()) {
                out.add(it.next());
            }
            return out;
        });
        assertEquals(List.of(10, 2, 3), seen);
    }

    // ---------------------------------------------------------------------------------------------
    // Growth across chunks
    // ---------------------------------------------------------------------------------------------

    @Test
    void growsAndShrinksAcrossChunkBoundaries() {
        TList<Integer> l = new TList<>();
        int n = 5000;
        for (int i = 0; i < n; i++) {
            l.append(i);
        }
        for (int i : new int[] {0, 15, 16, 47, 48, 111, 112, 4999}) {
            assertEquals(i, l.getItem(i));
            assertEquals(i, l.get(i));
        }
        assertThrows(IndexError.class, () -> l.getItem(n));
        for (int i = n - 1; i >= 10; i--) {
            assertEquals(i, l.pop());
        }
        assertThrows(IndexError.class, () -> l.getItem(10));
        assertThrows(IndexError.class, () -> l.getItem(4999));
        assertEquals(10, l.len());
        l.insert(0, -1);
        assertContents(l, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        TList<Integer> big = TList.from(Collections.nCopies(100, 7));
        big.delSlice(null, null, 2);
        assertEquals(50, big.len());
        assertThrows(IndexError.class, () -> big.getItem(50));
    }

    // ---------------------------------------------------------------------------------------------
    // Composition
    // ---------------------------------------------------------------------------------------------

    @Test
    void operationsComposeInOneTransaction() {
        TList<String> inbox = TList.of("a", "b");
        TList<String> done = new TList<>();
        atomic(() -> done.append(inbox.pop()));
        assertContents(inbox, "a");
        assertContents(done, "b");
        int total = atomic(() -> {
            done.extend(inbox);
            inbox.clear();
            return done.len() + inbox.len();
        });
        assertEquals(2, total);
        assertContents(done, "b", "a");
    }

    @Test
    void anExceptionInAtomicRollsBackEveryListChange() {
        TList<Integer> a = TList.of(1, 2, 3);
        TList<Integer> b = new TList<>();
        RuntimeException boom = new RuntimeException("boom");
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> atomic(() -> {
            b.append(a.pop());
            a.insert(0, 0);
            a.sort(null, true);
            b.extend(List.of(7, 8));
            a.delSlice(null, null, 2);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertContents(a, 1, 2, 3);
        assertContents(b);
    }

    @Test
    void aFailedOperationInsideAtomicUndoesOnlyItself() {
        TList<Integer> l = TList.of(1, 2, 3);
        atomic(() -> {
            l.append(4);
            assertThrows(ValueError.class, () -> l.setSlice(null, null, 2, List.of(1)));
            assertThrows(IndexError.class, () -> l.pop(10));
            assertThrows(ClassCastException.class, () -> {
                @SuppressWarnings("unchecked")
                TList<Object> raw = (TList<Object>) (TList<?>) l;
                raw.append("text");
                raw.sort(null, false);
            });
            assertThrows(IllegalStateException.class, () -> l.extend(() -> {
                throw new IllegalStateException("no iterator");
            }));
        });
        assertContents(l, 1, 2, 3, 4, "text");
    }

    @Test
    void readsInsideAtomicSeeOwnWritesAndOneSnapshot() {
        TList<Integer> l = TList.of(1, 2, 3);
        TVar<Integer> other = new TVar<>(0);
        String seen = atomic(() -> {
            l.append(4);
            l.setItem(0, 0);
            other.set(l.len());
            return l.toString() + l.copy() + l.getItem(-1) + l.count(4) + l.index(4) + l.slice(1, null, null);
        });
        assertEquals("[0, 2, 3, 4][0, 2, 3, 4]" + "4" + "1" + "3" + "[2, 3, 4]", seen);
        assertEquals(4, other.get());
    }
}
