package org.stm4j.collections;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.stm4j.Stm;
import org.stm4j.access.Structures;
import org.stm4j.access.Txn;
import org.stm4j.collections.internal.ListCursor;
import org.stm4j.collections.internal.ListSlice;
import org.stm4j.collections.internal.ListSlots;
import org.stm4j.collections.internal.Names;
import org.stm4j.collections.internal.PyRepr;

/**
 * A transactional list with Python's {@code list} operations and the {@link List} contract. Every
 * operation works inside {@link Stm#atomic(Runnable) atomic}, composing with everything else in that
 * transaction (and undoing its own writes if it throws), and outside it as a transaction of its own.
 *
 * <p><b>Memory consistency effects:</b> every operation is a transaction or part of the enclosing one:
 * actions in a thread before an operation that stores an element happen-before the actions in another
 * thread after an operation that retrieves it (see the package documentation).
 *
 * <!-- snippet: stm-collections/src/test/java/org/stm4j/collections/docs/CollectionsSnippetsTest.java#javadoc-tlist -->
 * <pre>{@code
 * TList<String> inbox = TList.of("a", "b"), done = new TList<>();
 * atomic(() -> done.append(inbox.pop()));   // moves one item: never lost, never duplicated
 * }</pre>
 *
 * <h2>Overview</h2>
 * Each index has its own slot {@link org.stm4j.TVar TVar}, and the size is one more TVar. A slot holds
 * the element at its index or a private "absent" marker. <b>Invariant</b>, in every committed state:
 * slots {@code [0, size)} hold elements, and every slot at or past the size holds the marker. The slot
 * TVars live in a grow-only directory of chunks outside the STM (chunk {@code k} has {@code 2^(k+4)}
 * slots); chunks and slots are created on first need with a CAS and never replaced, so capacity never
 * shrinks (as an {@code ArrayList} that is never trimmed): a list that once held a million elements
 * keeps a million slot TVars.
 *
 * <p><b>Memory</b> (JOL 0.17, JDK 17, compressed references; elements themselves not counted): about
 * 28 bytes per element &mdash; a 24-byte slot TVar plus its 4-byte reference in a chunk (up to 8 while
 * the last chunk is partly used) &mdash; against 4&ndash;6 for an {@code ArrayList}; an empty list costs
 * about 230 bytes (the chunk directory is 128 of them), the first element 80 more (chunk 0).
 *
 * <p>The operations touch as few TVars as their meaning needs:
 * <ul>
 *   <li>{@code getItem(i)}/{@code get(i)} with {@code i >= 0} read slot {@code i} only (an element,
 *       or the marker: out of range). {@code setItem(i, x)}/{@code set(i, x)} read and write slot
 *       {@code i} only. {@code isEmpty()} reads slot 0. A negative index reads the size.</li>
 *   <li>{@code append} reads the size and writes slot {@code size} and the size; {@code pop()} reads
 *       the size and the last slot and writes both.</li>
 *   <li>{@code contains}, {@code index}, {@code indexOf} read slots from the start up to the match.</li>
 *   <li>{@code insert}, {@code delItem}, {@code pop(i)} and the slice operations shift the elements
 *       after the position (O(n), as in Python); shrinking writes the marker into vacated slots. A slot
 *       whose new value is the identical reference is not written.</li>
 *   <li>{@code copy}, {@code equals}, {@code hashCode}, {@code toString}, {@code count}, {@code slice},
 *       {@code toArray}, {@code sort}, {@code reverse}: one consistent snapshot (one transaction).</li>
 * </ul>
 *
 * <h2>Conflicts</h2>
 * Two transactions conflict only if one writes a TVar the other read. Hence writes to different
 * indices never conflict; reading {@code l[0]} does not conflict with an {@code append} or a
 * {@code pop()} at the end (unless the list is that short); {@code append}s to different lists never
 * conflict. Two appends to one list do (both read and write the size) &mdash; inherent to a list, as
 * is the conflict between anything that reads the size (a negative index, {@code len()}, a full
 * snapshot) and anything that changes it.
 *
 * <h2>Iterators</h2>
 * {@link #iterator()} and {@link #listIterator()} are live and never fail-fast: each step reads the
 * slot at the cursor. Inside a transaction they see the transaction's consistent view, its own
 * writes included. Outside, each step is its own atomic read, so an iterator sees the list as it is
 * at that step: elements appended meanwhile are seen, elements inserted before the cursor shift
 * others under it. {@code hasNext()} outside a transaction fetches the next element, and the
 * following {@code next()} returns that element even if the list has changed since. An iterator's
 * {@code remove}/{@code set} act on the element last returned, in one atomic step: if its index no
 * longer holds that element (the identical reference: it has moved or gone because the list changed
 * in between, in another thread or in the same transaction) they throw
 * {@link java.util.ConcurrentModificationException} and change nothing; they never remove or replace
 * another element that moved into its index. For a consistent
 * iteration outside a transaction, iterate {@link #copy()} or {@link #toArray()}, or iterate inside
 * {@code atomic}. {@link #spliterator()} (and so {@code stream()}) and {@link #forEach} work on a
 * snapshot. {@link #subList} views are those of {@link AbstractList}: each of their operations is
 * atomic, their bounds are fixed when created.
 *
 * <h2>Python and Java</h2>
 * Python's methods keep Python's semantics and messages: {@link IndexError} {@code list index out of
 * range} ({@code getItem}), {@code list assignment index out of range} ({@code setItem},
 * {@code delItem}), {@code pop from empty list}, {@code pop index out of range}; {@link ValueError}
 * {@code x is not in list}, {@code slice step cannot be zero}, {@code list modified during sort}
 * ({@link #sort(Comparator, boolean) sort} with a comparator that modifies the list: the list is left
 * as it was before the sort). The {@code java.util.List} methods keep
 * Java's contract ({@code get(-1)} throws {@link IndexOutOfBoundsException}, {@code remove(Object)}
 * returns a boolean). {@code equals}/{@code hashCode} are {@code List}'s, {@code toString} is
 * {@code List}'s format ({@code [a, b]}, not Python's {@code ['a', 'b']}). Python's {@code TypeError}
 * is {@link ClassCastException} (incomparable elements in {@code sort}) or
 * {@link NullPointerException} (a null where an iterable is needed). Bad input throws before anything
 * is written: the list is unchanged. {@code null} elements are allowed (Python's {@code None}).
 * Element equality is {@link Objects#equals}.
 *
 * <p>Store immutable elements (or treat them as such): the STM versions the references, not the
 * objects. A list holds at most {@code 2^31 - 16} elements; beyond that operations throw
 * {@link OutOfMemoryError} without changing the list.
 *
 * @param <E> the type of elements
 */
public final class TList<E extends @Nullable Object> extends AbstractList<E> implements List<E>, RandomAccess {
    static {
        Structures.markLibrary(TList.class); // the conflict report's call sites skip this module's frames
    }


    private static final Object ABSENT = ListSlots.ABSENT;
    private static final Object[] NONE = new Object[0];
    private static final String INDEX_OUT_OF_RANGE = "list index out of range";
    private static final String ASSIGNMENT_OUT_OF_RANGE = "list assignment index out of range";
    private static final Comparator<Object> NATURAL = TList::compareNatural;

    private final ListSlots slots;
    private final String name;

    /** Creates an empty list, named {@code "TList#<n>"} (see {@link #name()}). */
    public TList() {
        this(NONE);
    }

    /**
     * Creates an empty list named {@code name}: conflict reports and diagnostics call it
     * {@code "TList <name>"} ({@code "TList inbox, index 3"}).
     *
     * @param name the name
     * @throws NullPointerException ({@code "name"}) if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty or blank
     */
    public TList(String name) {
        this(NONE, Names.check(name));
    }

    /**
     * Creates a list holding the elements of {@code elements} in its iteration order (the standard
     * copy constructor of a {@code Collection}).
     *
     * @param elements the initial elements
     * @throws NullPointerException if {@code elements} is null
     */
    public TList(Collection<? extends E> elements) {
        this(elements.toArray());
    }

    private TList(Object[] elements) {
        this(elements, Names.next("TList"));
    }

    private TList(Object[] elements, String name) {
        this.slots = new ListSlots(elements, elements.length);
        this.name = name;
        slots.describeAs("TList " + name);
    }

    /**
     * This list's name: the one given at construction, or {@code "TList#<n>"}, {@code n} counting the
     * lists created in this JVM (unique, in creation order, not necessarily consecutive).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * {@link #from(Iterable)}, named {@code name}.
     *
     * @param <E> the element type
     * @param name the name
     * @param items the elements, in order
     * @return a new list
     * @throws NullPointerException if {@code name} ({@code "name"}) or {@code items} is null
     * @throws IllegalArgumentException if {@code name} is empty or blank
     */
    public static <E extends @Nullable Object> TList<E> from(String name, Iterable<? extends E> items) {
        Names.check(name);
        Objects.requireNonNull(items, "items");
        return new TList<>(arrayOf(items), name);
    }

    /**
     * A list of the given elements ({@code null}s allowed).
     *
     * @param <E> the element type
     * @param elements the elements, in order
     * @return a new list
     * @throws NullPointerException if the array is null
     */
    @SafeVarargs
    public static <E extends @Nullable Object> TList<E> of(E... elements) {
        return new TList<>(Arrays.copyOf(elements, elements.length, Object[].class));
    }

    /**
     * A list of the elements of {@code items}, in iteration order (Python's {@code list(items)}).
     * A transactional collection is read as one snapshot.
     *
     * @param <E> the element type
     * @param items the elements, in order
     * @return a new list
     * @throws NullPointerException if {@code items} is null
     */
    public static <E extends @Nullable Object> TList<E> from(Iterable<? extends E> items) {
        Objects.requireNonNull(items, "items");
        return new TList<>(arrayOf(items));
    }

    // =====================================================================================
    // Python: l[i], l[i] = x, del l[i], len(l)
    // =====================================================================================

    /**
     * Python's {@code l[i]}: the element at {@code i}; a negative index counts from the end.
     * For {@code i >= 0} only slot {@code i} is read.
     *
     * @param i the index; negative counts from the end
     * @return the element (possibly null)
     * @throws IndexError {@code list index out of range}
     */
    public E getItem(int i) {
        if (i >= 0) {
            Object v = slots.peek(Txn.current(), i);
            if (v == ABSENT) {
                throw new IndexError(INDEX_OUT_OF_RANGE);
            }
            return elem(v);
        }
        return elem(Txn.run(slots, i, null, TList::itemFromEnd));
    }

    private static Object itemFromEnd(ListSlots slots, Txn tx, int i, Object unused) {
        int j = i + slots.size(tx);
        if (j < 0) {
            throw new IndexError(INDEX_OUT_OF_RANGE);
        }
        return slots.get(tx, j);
    }

    /**
     * Python's {@code l[i] = x}; a negative index counts from the end. For {@code i >= 0} only slot
     * {@code i} is read and written.
     *
     * @param i the index; negative counts from the end
     * @param x the new element (may be null)
     * @throws IndexError {@code list assignment index out of range} (the list is unchanged)
     */
    public void setItem(int i, E x) {
        Txn.run(this, i, x, TList::setItemIn);
    }

    /**
     * Python's {@code del l[i]}; a negative index counts from the end. Shifts the following elements.
     *
     * @param i the index; negative counts from the end
     * @throws IndexError {@code list assignment index out of range} (the list is unchanged)
     */
    public void delItem(int i) {
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            int j = i < 0 ? i + n : i;
            if (j < 0 || j >= n) {
                throw new IndexError(ASSIGNMENT_OUT_OF_RANGE);
            }
            slots.replace(tx, n, j, j + 1, NONE);
            return null;
        });
    }

    /**
     * Python's {@code len(l)} (reads the size).
     *
     * @return the number of elements
     */
    public int len() {
        return slots.size(Txn.current());
    }

    // =====================================================================================
    // Python: append, extend, insert, pop, remove, clear
    // =====================================================================================

    /**
     * Python's {@code l.append(x)}: reads the size, writes slot {@code size} and the size.
     *
     * @param x the element to append (may be null)
     */
    public void append(E x) {
        Txn.run(slots, x, TList::appendIn);
    }

    private static Object appendIn(ListSlots slots, Txn tx, Object x) {
        int n = slots.size(tx);
        ListSlots.checkSize(n + 1L);
        slots.set(tx, n, x);
        slots.setSize(tx, n + 1);
        return null;
    }

    /**
     * Python's {@code l.extend(items)} (and {@code l += items}): appends the elements of
     * {@code items}, read first as a whole, so {@code l.extend(l)} doubles {@code l}.
     *
     * @param items the elements to append
     * @throws NullPointerException if {@code items} is null (the list is unchanged)
     */
    public void extend(Iterable<? extends E> items) {
        Objects.requireNonNull(items, "items");
        Txn.block(this, (self, tx) -> {
            Object[] a = arrayOf(items);
            int n = slots.size(tx);
            slots.replace(tx, n, n, n, a);
            return null;
        });
    }

    /**
     * Python's {@code l.insert(i, x)}: inserts before index {@code i}; a negative index counts from
     * the end, and an index out of range is clamped (to the front or the end) as Python does.
     *
     * @param i the index to insert before; negative counts from the end, out of range is clamped
     * @param x the element (may be null)
     */
    public void insert(int i, E x) {
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            int j = i;
            if (j < 0) {
                j = Math.max(j + n, 0);
            } else if (j > n) {
                j = n;
            }
            slots.replace(tx, n, j, j, new Object[] {x});
            return null;
        });
    }

    /**
     * Python's {@code l.pop()}: removes and returns the last element.
     *
     * @return the removed element
     * @throws IndexError {@code pop from empty list}
     */
    public E pop() {
        return elem(Txn.run(slots, TList::popLastIn));
    }

    private static Object popLastIn(ListSlots slots, Txn tx) {
        int n = slots.size(tx);
        if (n == 0) {
            throw new IndexError("pop from empty list");
        }
        Object v = slots.get(tx, n - 1);
        slots.set(tx, n - 1, ABSENT);
        slots.setSize(tx, n - 1);
        return v;
    }

    /**
     * Python's {@code l.pop(i)}: removes and returns the element at {@code i} (negative: from the end).
     *
     * @param i the index; negative counts from the end
     * @return the removed element
     * @throws IndexError {@code pop from empty list}, {@code pop index out of range} (list unchanged)
     */
    public E pop(int i) {
        return Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            if (n == 0) {
                throw new IndexError("pop from empty list");
            }
            int j = i < 0 ? i + n : i;
            if (j < 0 || j >= n) {
                throw new IndexError("pop index out of range");
            }
            Object v = slots.get(tx, j);
            slots.replace(tx, n, j, j + 1, NONE);
            return elem(v);
        });
    }

    /**
     * Python's {@code l.remove(x)}: removes the first element equal to {@code x}. (The
     * {@code java.util.List} form, returning a boolean, is {@link #remove(Object)}.)
     *
     * @param x the element to remove (compared with {@code equals})
     * @throws ValueError {@code list.remove(x): x not in list} (the list is unchanged)
     */
    public void removeItem(@Nullable Object x) {
        Txn.block(this, (self, tx) -> {
            if (!removeFirst(tx, x)) {
                throw new ValueError("list.remove(x): x not in list");
            }
            return null;
        });
    }

    /** Python's {@code l.clear()}: removes every element (capacity is kept). */
    @Override
    public void clear() {
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            if (n != 0) {
                slots.replace(tx, n, 0, n, NONE);
            }
            return null;
        });
    }

    // =====================================================================================
    // Python: index, count, in, reverse, sort, copy, +, *, *=
    // =====================================================================================

    /**
     * Python's {@code l.index(x)}: the first index whose element equals {@code x}.
     *
     * @param x the element to find
     * @return its first index
     * @throws ValueError {@code <repr of x> is not in list}
     */
    public int index(@Nullable Object x) {
        return index(x, 0, Integer.MAX_VALUE);
    }

    /**
     * Python's {@code l.index(x, start)}; a negative {@code start} counts from the end.
     *
     * @param x the element to find
     * @param start the first index to search
     * @return its first index at or after {@code start}
     * @throws ValueError {@code <repr of x> is not in list}
     */
    public int index(@Nullable Object x, int start) {
        return index(x, start, Integer.MAX_VALUE);
    }

    /**
     * Python's {@code l.index(x, start, stop)}: the first index in {@code [start, stop)} whose element
     * equals {@code x}; negative bounds count from the end, bounds out of range are clamped. Reads the
     * size only if a bound is negative.
     *
     * @param x the element to find
     * @param start the first index to search
     * @param stop the index to stop before
     * @return its first index in {@code [start, stop)}
     * @throws ValueError {@code <repr of x> is not in list}, e.g. {@code 'a' is not in list}
     */
    public int index(@Nullable Object x, int start, int stop) {
        return Txn.block(this, (self, tx) -> {
            int lo = start;
            int hi = stop;
            if (lo < 0 || hi < 0) {
                int n = slots.size(tx);
                lo = lo < 0 ? Math.max(lo + n, 0) : lo;
                hi = hi < 0 ? Math.max(hi + n, 0) : hi;
            }
            int i = scan(tx, x, lo, hi);
            if (i < 0) {
                throw new ValueError(PyRepr.of(x) + " is not in list");
            }
            return i;
        });
    }

    /**
     * Python's {@code l.count(x)}: how many elements equal {@code x} (one snapshot).
     *
     * @param x the element to count
     * @return how many elements equal it
     */
    public int count(@Nullable Object x) {
        return Txn.block(this, (self, tx) -> {
            int c = 0;
            for (Object v : slots.snapshot(tx)) {
                if (Objects.equals(x, v)) {
                    c++;
                }
            }
            return c;
        });
    }

    /**
     * Python's {@code x in l}: whether some element equals {@code x}. Reads slots from the start up to
     * the first match.
     */
    @Override
    public boolean contains(@Nullable Object x) {
        return Txn.block(this, (self, tx) -> scan(tx, x, 0, Integer.MAX_VALUE) >= 0);
    }

    /** Python's {@code l.reverse()}: reverses the list in place. */
    public void reverse() {
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            Object[] old = slots.read(tx, 0, n);
            Object[] fresh = new Object[n];
            for (int i = 0; i < n; i++) {
                fresh[i] = old[n - 1 - i];
            }
            slots.rewriteSuffix(tx, n, 0, old, fresh);
            return null;
        });
    }

    /**
     * Python's {@code l.sort(key, reverse)}: a stable sort in place by {@code comparator}
     * ({@code null}: natural order). With {@code reverse} the order is descending and still stable:
     * equal elements keep their original order, as in Python. The elements are sorted as a snapshot
     * and written back only where they changed; if a comparison throws, nothing is written.
     *
     * <p>The sort is one atomic operation (a nested transaction inside {@code atomic}). While it runs
     * the comparator (or the elements' {@code compareTo}) sees the list unsorted, as it was when {@code sort} was called (Python shows it
     * empty). A comparator must not modify the list: if, once the comparisons are done, the list no
     * longer holds exactly the elements it held when the sort began (the same size, the identical
     * references at the same indices), {@code sort} throws {@link ValueError}
     * {@code list modified during sort}, as Python does, and <em>everything the sort did is undone,
     * the comparator's own modifications included</em>: the list is left exactly as it was before the
     * call (Python leaves it partly sorted and drops the modifications). Writes of the comparator to
     * other {@code TVar}s are allowed; they are undone too when the sort throws.
     *
     * @param comparator the order, or null for natural order
     * @param reverse whether to sort descending (still stable)
     * @throws ClassCastException   if elements are not mutually comparable (Python's
     *                              {@code TypeError}); the list is unchanged
     * @throws NullPointerException if {@code comparator} is null and an element is null (the list is
     *                              unchanged)
     * @throws ValueError           {@code list modified during sort} if the comparator modified the list;
     *                              the list is unchanged (see above)
     */
    public void sort(@Nullable Comparator<? super E> comparator, boolean reverse) {
        @SuppressWarnings("unchecked")
        Comparator<Object> c = comparator == null ? NATURAL : (Comparator<Object>) comparator;
        Comparator<Object> order = reverse ? Collections.reverseOrder(c) : c;
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            Object[] old = slots.read(tx, 0, n);
            Object[] fresh = old.clone();
            Arrays.sort(fresh, order);
            if (n > 1 && modifiedSince(tx, n, old)) { // n <= 1: nothing was compared
                // thrown inside this (nested) block: the engine undoes the comparator's writes too
                throw new ValueError("list modified during sort");
            }
            slots.rewriteSuffix(tx, n, 0, old, fresh);
            return null;
        });
    }

    /**
     * Whether the list no longer has size {@code n} and the identical elements {@code old} (read
     * again in the running transaction, so the comparator's writes are seen). Checked for natural
     * order too: {@code compareTo} is user code as well.
     */
    private boolean modifiedSince(Txn tx, int n, Object[] old) {
        if (slots.size(tx) != n) {
            return true;
        }
        for (int i = 0; i < n; i++) {
            if (slots.get(tx, i) != old[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code List.sort}: {@link #sort(Comparator, boolean) sort(comparator, false)}. A comparator that
     * modifies the list gets {@link ValueError} {@code list modified during sort} (where
     * {@code ArrayList.sort} throws {@code ConcurrentModificationException}); the list is unchanged.
     */
    @Override
    public void sort(@Nullable Comparator<? super E> comparator) {
        sort(comparator, false);
    }

    /**
     * Python's {@code l.copy()} (and {@code l[:]}): a new list with this list's elements (one snapshot).
     *
     * @return a new, independent list
     */
    public TList<E> copy() {
        return Txn.block(this, (self, tx) -> new TList<E>(slots.snapshot(tx)));
    }

    /**
     * Python's {@code l + items}: a new list with this list's elements followed by those of
     * {@code items} (both read in one transaction).
     *
     * @param items the elements to append in the copy
     * @return a new list
     * @throws NullPointerException if {@code items} is null
     */
    public TList<E> concat(Iterable<? extends E> items) {
        Objects.requireNonNull(items, "items");
        return Txn.block(this, (self, tx) -> {
            Object[] a = slots.snapshot(tx);
            Object[] b = arrayOf(items);
            Object[] all = Arrays.copyOf(a, ListSlots.checkSize((long) a.length + b.length));
            System.arraycopy(b, 0, all, a.length, b.length);
            return new TList<E>(all);
        });
    }

    /**
     * Python's {@code l * n}: a new list with this list's elements repeated {@code n} times
     * ({@code n == 0}: empty).
     *
     * @param n how many times
     * @return a new list
     * @throws ValueError if {@code n} is negative (Python would give an empty list; here it is bad input)
     */
    public TList<E> repeat(int n) {
        checkRepeatCount(n);
        return Txn.block(this, (self, tx) -> new TList<E>(repeated(slots.snapshot(tx), n)));
    }

    /**
     * Python's {@code l *= n}: repeats the elements in place ({@code n == 0} clears the list).
     *
     * @param n how many times
     * @throws ValueError if {@code n} is negative (the list is unchanged)
     */
    public void repeatInPlace(int n) {
        checkRepeatCount(n);
        Txn.block(this, (self, tx) -> {
            int m = slots.size(tx);
            if (m == 0 || n == 1) {
                return null;
            }
            if (n == 0) {
                slots.replace(tx, m, 0, m, NONE);
                return null;
            }
            slots.replace(tx, m, m, m, repeated(slots.read(tx, 0, m), n - 1));
            return null;
        });
    }

    private static void checkRepeatCount(int n) {
        if (n < 0) {
            throw new ValueError("repeat count must not be negative: " + n);
        }
    }

    private static Object[] repeated(Object[] a, int times) {
        Object[] out = new Object[ListSlots.checkSize((long) a.length * times)];
        for (int i = 0; i < times; i++) {
            System.arraycopy(a, 0, out, i * a.length, a.length);
        }
        return out;
    }

    // =====================================================================================
    // Python: slices
    // =====================================================================================

    /**
     * Python's {@code l[start:stop:step]}: a new list (one snapshot); {@code null} means omitted.
     * With {@code step > 0} and non-negative {@code start} and {@code stop}, the size is not read.
     *
     * @param start the first index, or null
     * @param stop the index to stop before, or null
     * @param step the step, or null for 1
     * @return a new list
     * @throws ValueError {@code slice step cannot be zero}
     */
    public TList<E> slice(@Nullable Integer start, @Nullable Integer stop, @Nullable Integer step) {
        int st = ListSlice.step(step);
        return Txn.block(this, (self, tx) -> {
            if (st > 0 && start != null && start >= 0 && stop != null && stop >= 0) {
                List<Object> out = new ArrayList<>();
                for (long i = start; i < stop; i += st) {
                    Object v = slots.peek(tx, (int) i);
                    if (v == ABSENT) {
                        break;
                    }
                    out.add(v);
                }
                return new TList<E>(out.toArray());
            }
            ListSlice s = ListSlice.of(start, stop, step, slots.size(tx));
            Object[] a = new Object[s.length];
            for (int j = 0; j < a.length; j++) {
                a[j] = slots.get(tx, s.index(j));
            }
            return new TList<E>(a);
        });
    }

    /**
     * Python's {@code l[start:stop:step] = items}; {@code null} means omitted. {@code items} is read
     * first as a whole, so {@code l.setSlice(null, null, -1, l)} reverses {@code l}. With step 1 the
     * slice is replaced and the list may grow or shrink; with another step (an extended slice) the
     * sizes must match.
     *
     * @param start the first index, or null
     * @param stop the index to stop before, or null
     * @param step the step, or null for 1
     * @param items the replacement elements, read first as a whole
     * @throws ValueError           {@code slice step cannot be zero}, or {@code attempt to assign
     *                              sequence of size X to extended slice of size Y}
     * @throws NullPointerException if {@code items} is null
     */
    public void setSlice(@Nullable Integer start, @Nullable Integer stop, @Nullable Integer step, Iterable<? extends E> items) {
        ListSlice.step(step);
        Objects.requireNonNull(items, "items");
        Txn.block(this, (self, tx) -> {
            Object[] a = arrayOf(items);
            int n = slots.size(tx);
            ListSlice s = ListSlice.of(start, stop, step, n);
            if (s.step == 1) {
                slots.replace(tx, n, s.start, Math.max(s.start, s.stop), a);
                return null;
            }
            if (a.length != s.length) {
                throw new ValueError("attempt to assign sequence of size " + a.length
                        + " to extended slice of size " + s.length);
            }
            for (int j = 0; j < a.length; j++) {
                slots.set(tx, s.index(j), a[j]);
            }
            return null;
        });
    }

    /**
     * Python's {@code del l[start:stop:step]}; {@code null} means omitted.
     *
     * @param start the first index, or null
     * @param stop the index to stop before, or null
     * @param step the step, or null for 1
     * @throws ValueError {@code slice step cannot be zero}
     */
    public void delSlice(@Nullable Integer start, @Nullable Integer stop, @Nullable Integer step) {
        ListSlice.step(step);
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            ListSlice s = ListSlice.of(start, stop, step, n);
            if (s.length == 0) {
                return null;
            }
            if (s.step == 1) {
                slots.replace(tx, n, s.start, s.stop, NONE);
                return null;
            }
            int lo = s.step > 0 ? s.start : s.index(s.length - 1);
            long stride = Math.abs((long) s.step);
            Object[] old = slots.read(tx, lo, n);
            Object[] fresh = new Object[old.length - s.length];
            long nextDeleted = lo;
            for (int p = lo, k = 0, deleted = 0; p < n; p++) {
                if (p == nextDeleted && deleted < s.length) {
                    deleted++;
                    nextDeleted += stride;
                } else {
                    fresh[k++] = old[p - lo];
                }
            }
            slots.rewriteSuffix(tx, n, lo, old, fresh);
            return null;
        });
    }

    // =====================================================================================
    // java.util.List
    // =====================================================================================

    /** The number of elements (reads the size). */
    @Override
    public int size() {
        return slots.size(Txn.current());
    }

    /** Whether the list is empty; reads slot 0 only (so it does not conflict with appends to a non-empty list). */
    @Override
    public boolean isEmpty() {
        return slots.peek(Txn.current(), 0) == ABSENT;
    }

    /**
     * The element at {@code index}; reads slot {@code index} only.
     *
     * @throws IndexOutOfBoundsException if {@code index < 0 || index >= size()} (Java's contract: no
     *                                   negative indices)
     */
    @Override
    public E get(int index) {
        Object v = index < 0 ? ABSENT : slots.peek(Txn.current(), index);
        if (v == ABSENT) {
            throw outOfBounds(index);
        }
        return elem(v);
    }

    /**
     * Replaces the element at {@code index} and returns the previous one; reads and writes slot
     * {@code index} only.
     *
     * @throws IndexOutOfBoundsException if {@code index < 0 || index >= size()}
     */
    @Override
    public E set(int index, E element) {
        return elem(Txn.run(this, index, element, TList::setIn));
    }

    /** Appends {@code element} ({@link #append}); returns {@code true}. */
    @Override
    public boolean add(E element) {
        append(element);
        return true;
    }

    /**
     * Inserts {@code element} at {@code index}, shifting the following elements.
     *
     * @throws IndexOutOfBoundsException if {@code index < 0 || index > size()}
     */
    @Override
    public void add(int index, E element) {
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            checkPosition(index, n);
            slots.replace(tx, n, index, index, new Object[] {element});
            return null;
        });
    }

    /**
     * Removes and returns the element at {@code index}, shifting the following elements.
     *
     * @throws IndexOutOfBoundsException if {@code index < 0 || index >= size()}
     */
    @Override
    public E remove(int index) {
        return Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            Objects.checkIndex(index, n);
            Object v = slots.get(tx, index);
            slots.replace(tx, n, index, index + 1, NONE);
            return elem(v);
        });
    }

    /** Removes the first element equal to {@code o}; whether there was one. */
    @Override
    public boolean remove(@Nullable Object o) {
        return Txn.block(this, (self, tx) -> removeFirst(tx, o));
    }

    /**
     * Appends the elements of {@code c} (read first as a whole); whether the list changed.
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean addAll(Collection<? extends E> c) {
        Objects.requireNonNull(c, "c");
        return Txn.block(this, (self, tx) -> {
            Object[] a = c.toArray();
            int n = slots.size(tx);
            slots.replace(tx, n, n, n, a);
            return a.length != 0;
        });
    }

    /**
     * Inserts the elements of {@code c} at {@code index}; whether the list changed.
     *
     * @throws NullPointerException      if {@code c} is null
     * @throws IndexOutOfBoundsException if {@code index < 0 || index > size()}
     */
    @Override
    public boolean addAll(int index, Collection<? extends E> c) {
        Objects.requireNonNull(c, "c");
        return Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            checkPosition(index, n);
            Object[] a = c.toArray();
            slots.replace(tx, n, index, index, a);
            return a.length != 0;
        });
    }

    /** Removes the elements in {@code [fromIndex, toIndex)} (used by {@code subList(...).clear()}). */
    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            Objects.checkFromToIndex(fromIndex, toIndex, n);
            slots.replace(tx, n, fromIndex, toIndex, NONE);
            return null;
        });
    }

    /** The first index whose element equals {@code o}, or -1; reads slots up to the match. */
    @Override
    public int indexOf(@Nullable Object o) {
        return Txn.block(this, (self, tx) -> scan(tx, o, 0, Integer.MAX_VALUE));
    }

    /** The last index whose element equals {@code o}, or -1 (one snapshot). */
    @Override
    public int lastIndexOf(@Nullable Object o) {
        return Txn.block(this, (self, tx) -> {
            Object[] a = slots.snapshot(tx);
            for (int i = a.length - 1; i >= 0; i--) {
                if (Objects.equals(o, a[i])) {
                    return i;
                }
            }
            return -1;
        });
    }

    /**
     * Whether every element of {@code c} is in this list (one transaction).
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean containsAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        return Txn.block(this, (self, tx) -> {
            List<Object> mine = Arrays.asList(slots.snapshot(tx));
            for (Object o : c) {
                if (!mine.contains(o)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Removes every element matching {@code filter}, in one transaction; whether any was removed.
     * The filter runs inside the transaction, so it may run again if the transaction is re-run.
     *
     * @throws NullPointerException if {@code filter} is null
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        return Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            Object[] old = slots.read(tx, 0, n);
            Object[] kept = new Object[n];
            int k = 0;
            for (Object v : old) {
                if (!filter.test(elem(v))) {
                    kept[k++] = v;
                }
            }
            if (k == n) {
                return false;
            }
            slots.rewriteSuffix(tx, n, 0, old, Arrays.copyOf(kept, k));
            return true;
        });
    }

    /**
     * Removes the elements contained in {@code c} (one transaction).
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean removeAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        return removeIf(c::contains);
    }

    /**
     * Keeps only the elements contained in {@code c} (one transaction).
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean retainAll(Collection<?> c) {
        Objects.requireNonNull(c, "c");
        return removeIf(e -> !c.contains(e));
    }

    /**
     * Replaces each element by {@code operator}'s result, in one transaction (the operator may run
     * again if the transaction is re-run).
     *
     * @throws NullPointerException if {@code operator} is null
     */
    @Override
    public void replaceAll(UnaryOperator<E> operator) {
        Objects.requireNonNull(operator, "operator");
        Txn.block(this, (self, tx) -> {
            int n = slots.size(tx);
            Object[] old = slots.read(tx, 0, n);
            Object[] fresh = new Object[n];
            for (int i = 0; i < n; i++) {
                fresh[i] = operator.apply(elem(old[i]));
            }
            slots.rewriteSuffix(tx, n, 0, old, fresh);
            return null;
        });
    }

    /** Runs {@code action} on each element of a snapshot of the list (taken in one transaction). */
    @Override
    public void forEach(Consumer<? super E> action) {
        Objects.requireNonNull(action, "action");
        for (Object v : toArray()) {
            action.accept(elem(v));
        }
    }

    /** The elements, as one snapshot. */
    @Override
    public @Nullable Object[] toArray() {
        return Txn.run(slots, ListSlots::snapshot);
    }

    /**
     * The elements, as one snapshot, in {@code a} if it is large enough (then followed by a
     * {@code null}), else in a new array of its runtime type.
     *
     * @throws ArrayStoreException  if an element is not an instance of the array's component type
     * @throws NullPointerException if {@code a} is null
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends @Nullable Object> T[] toArray(T[] a) {
        Objects.requireNonNull(a, "a");
        Object[] s = toArray();
        if (a.length < s.length) {
            return (T[]) Arrays.copyOf(s, s.length, a.getClass());
        }
        System.arraycopy(s, 0, a, 0, s.length);
        if (a.length > s.length) {
            a[s.length] = null;
        }
        return a;
    }

    /** A spliterator over a snapshot taken now (so {@code stream()} sees one consistent state). */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliterator(toArray(), Spliterator.ORDERED);
    }

    /** A live iterator; see the class documentation for what it sees when the list changes. */
    @Override
    public Iterator<E> iterator() {
        return new ListCursor<>(this, slots, 0);
    }

    /** A live list iterator; see the class documentation for what it sees when the list changes. */
    @Override
    public ListIterator<E> listIterator() {
        return new ListCursor<>(this, slots, 0);
    }

    /**
     * A live list iterator starting at {@code index}.
     *
     * @throws IndexOutOfBoundsException if {@code index < 0 || index > size()}
     */
    @Override
    public ListIterator<E> listIterator(int index) {
        checkPosition(index, slots.size(Txn.current()));
        return new ListCursor<>(this, slots, index);
    }

    /** {@code List.equals}: the same elements in the same order as the list {@code o} (one transaction). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof List)) {
            return false;
        }
        List<?> other = (List<?>) o;
        return Txn.block(this, (self, tx) -> {
            Iterator<?> it = other.iterator();
            for (Object v : slots.snapshot(tx)) {
                if (!it.hasNext() || !Objects.equals(v, it.next())) {
                    return false;
                }
            }
            return !it.hasNext();
        });
    }

    /** {@code List.hashCode} of one snapshot. */
    @Override
    public int hashCode() {
        return Txn.block(this, (self, tx) -> {
            int h = 1;
            for (Object v : slots.snapshot(tx)) {
                h = 31 * h + Objects.hashCode(v);
            }
            return h;
        });
    }

    /** Java's list format, {@code [a, b]} (not Python's repr), of one snapshot. */
    @Override
    public String toString() {
        return Txn.block(this, (self, tx) -> {
            Object[] a = slots.snapshot(tx);
            StringBuilder b = new StringBuilder(2 + 8 * a.length).append('[');
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(a[i] == this ? "(this Collection)" : String.valueOf(a[i]));
            }
            return b.append(']').toString();
        });
    }

    // =====================================================================================
    // Helpers (run inside a transaction unless they read a single TVar)
    // =====================================================================================

    private static Object setItemIn(TList<?> self, Txn tx, int i, Object x) {
        self.replaceAt(tx, i, x, true);
        return null;
    }

    private static Object setIn(TList<?> self, Txn tx, int i, Object x) {
        return self.replaceAt(tx, i, x, false);
    }

    /** {@code l[i] = x} / {@code set(i, x)}: validates, writes slot {@code i}, returns the old element. */
    private Object replaceAt(Txn tx, int i, Object x, boolean python) {
        int j = i;
        if (j < 0) {
            if (!python) {
                throw outOfBounds(i);
            }
            j += slots.size(tx);
            if (j < 0) {
                throw new IndexError(ASSIGNMENT_OUT_OF_RANGE);
            }
        }
        Object old = slots.peek(tx, j);
        if (old == ABSENT) {
            throw python ? new IndexError(ASSIGNMENT_OUT_OF_RANGE) : outOfBounds(i);
        }
        if (old != x) {
            slots.set(tx, j, x);
        }
        return old;
    }

    /** The first index in {@code [from, stop)} (from >= 0) holding an element equal to {@code o}, or -1. */
    private int scan(Txn tx, Object o, int from, int stop) {
        for (int i = from; i < stop; i++) {
            Object v = slots.peek(tx, i);
            if (v == ABSENT) {
                return -1;
            }
            if (Objects.equals(o, v)) {
                return i;
            }
        }
        return -1;
    }

    private boolean removeFirst(Txn tx, Object o) {
        int i = scan(tx, o, 0, Integer.MAX_VALUE);
        if (i < 0) {
            return false;
        }
        int n = slots.size(tx);
        slots.replace(tx, n, i, i + 1, NONE);
        return true;
    }

    private IndexOutOfBoundsException outOfBounds(int index) {
        return new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + slots.size(Txn.current()));
    }

    private static void checkPosition(int index, int n) {
        if (index < 0 || index > n) {
            throw new IndexOutOfBoundsException("Index: " + index + ", Size: " + n);
        }
    }

    /** The elements of {@code items} as a fresh array (a collection's own {@code toArray}: one snapshot). */
    private static Object[] arrayOf(Iterable<?> items) {
        if (items instanceof Collection) {
            return ((Collection<?>) items).toArray();
        }
        List<Object> a = new ArrayList<>();
        for (Object o : items) {
            a.add(o);
        }
        return a.toArray();
    }

    @SuppressWarnings("unchecked")
    private static <E> E elem(Object v) {
        return (E) v;
    }

    @SuppressWarnings("unchecked")
    private static int compareNatural(Object a, Object b) {
        return ((Comparable<Object>) a).compareTo(b);
    }
}
