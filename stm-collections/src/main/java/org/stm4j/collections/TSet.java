package org.stm4j.collections;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.stm4j.Stm;
import org.stm4j.access.Structures;
import org.stm4j.access.Txn;
import org.stm4j.collections.internal.Names;
import org.stm4j.collections.internal.PyRepr;

/**
 * A transactional set with Python's {@code set} operations, as a {@link java.util.Set}. Every
 * operation is atomic: inside {@link Stm#atomic(Runnable) atomic} it is part of the running
 * transaction (and composes with everything else in it; if it throws, its own writes are undone);
 * outside, it is a transaction of its own. {@code null} is a legal element (Python's {@code None}).
 *
 * <p><b>Memory consistency effects:</b> every operation is a transaction or part of the enclosing one:
 * actions in a thread before an operation that stores an element happen-before the actions in another
 * thread after an operation that retrieves it (see the package documentation).
 *
 * <!-- snippet: stm-collections/src/test/java/org/stm4j/collections/docs/CollectionsSnippetsTest.java#javadoc-tset -->
 * <pre>{@code
 * TSet<String> todo = TSet.of("a", "b"), done = new TSet<>();
 * atomic(() -> done.add(todo.pop()));                 // never loses or duplicates an element
 * TSet<String> both = todo.union(done);               // a new set, from one consistent state
 * }</pre>
 *
 * <h2>Algorithm</h2>
 * The elements are the keys of a private {@link TDict} whose values are all one shared marker;
 * every method is a short composition of dict operations inside one {@link Stm#atomic} block. So a
 * set inherits the dict's insertion order (iteration, {@link #toString()} and the results of the set
 * operations follow it, see below), its conflict granularity and its reclamation of removed keys.
 * {@link #add} first checks membership and writes only for a new element, so adding an element that
 * is already present is a read. Operations that read an argument collection and then change this
 * set (every in-place operation) read the whole argument first, so an argument that is this set
 * itself, or a live view of it, behaves as in Python: {@code s.update(s)} and
 * {@code s.intersectionUpdate(s)} change nothing, {@code s.differenceUpdate(s)} and
 * {@code s.symmetricDifferenceUpdate(s)} empty it.
 *
 * <p><b>Invariants:</b> the set's elements are exactly the dict's keys; every key maps to the
 * marker; equal elements ({@code equals}/{@code hashCode}) are one element.
 *
 * <h2>Conflicts</h2>
 * As for the dict's keys:
 * <ul>
 *   <li>{@link #contains}, {@code add} of a present element, {@code discard}/{@code remove} of an
 *       absent one read only that element's own TVar: they conflict only with a concurrent insert or
 *       removal of an equal element.</li>
 *   <li>{@code add} of a new element and removal of a present one write that element's TVar and make
 *       a commutative (unread) change to a striped size: they do not conflict with inserts or
 *       removals of other elements.</li>
 *   <li>{@link #len()}/{@link #size()}/{@link #isEmpty()}, iteration, {@link #copy()}, {@link #pop()},
 *       {@code toArray}, {@code equals}, {@code hashCode}, and every operation that iterates this set
 *       (the set operations, {@code clear}, {@code retainAll}, {@code removeIf}) read every size stripe,
 *       so they conflict with concurrent inserts and removals of any element (but not with
 *       {@code contains} or with re-adding present elements).</li>
 *   <li>An argument that is a {@code TSet} is either probed element by element
 *       ({@link #intersection}, {@link #difference}, {@link #isSubset} and their in-place forms: reads of
 *       the probed elements only) or iterated (the others: a consistent snapshot of it, read in the
 *       same transaction).</li>
 * </ul>
 *
 * <h2>Order of results</h2>
 * {@link #union} and {@link #update}: this set's elements in their order, then the new elements of
 * the arguments in argument and iteration order. {@link #intersection} and {@link #difference}: this
 * set's order. {@link #symmetricDifference}: this set's elements not in the argument, then the
 * argument's elements not in this set, in the argument's order; the in-place form removes in place
 * and appends the new ones. {@link #pop()} removes the most recently inserted element (Python: an
 * arbitrary one).
 *
 * <h2>Where Python and Java differ</h2>
 * The {@code java.util.Set} methods keep the Java contract ({@link #remove(Object)} returns a
 * boolean; {@link #removeItem} is Python's {@code s.remove(x)} and throws {@link KeyError} whose
 * message is the element's {@code repr}). Arguments of the set operations are any {@link Iterable};
 * membership in a non-{@code TSet} argument is decided by {@code equals}/{@code hashCode} (as if it
 * were first converted to a set, as CPython does), not by that collection's own {@code contains}.
 * What Python raises as {@code TypeError} (a {@code None} where an iterable is needed) is a
 * {@link NullPointerException}, thrown before anything changes; unlike CPython,
 * {@code s.update(a, None)} does not keep {@code a}'s elements. The {@code Iterator}'s
 * {@code remove()} removes the element from the set. Equality and hashing follow {@code Set};
 * {@link #toString()} follows {@code AbstractCollection} ({@code [a, b]}).
 *
 * <h2>Iteration</h2>
 * An iterator (also {@code forEach}, {@code toArray}, {@code spliterator}, {@code toString}) walks a
 * consistent snapshot of the elements in insertion order, taken when it is created (inside a
 * transaction: that transaction's view, with its own pending changes); later changes are not
 * reflected and it never throws {@code ConcurrentModificationException}.
 *
 * <p>Predicates, {@code equals} and {@code hashCode} of elements, and argument iterators run inside
 * the transaction and may run more than once if it is re-run; they must be free of side effects.
 *
 * @param <E> the type of the elements
 */
public final class TSet<E extends @Nullable Object> extends AbstractSet<E> {
    static {
        Structures.markLibrary(TSet.class); // the conflict report's call sites skip this module's frames
    }


    /** The value of every key of {@link #dict}. */
    private static final Object PRESENT = new Object();

    private final TDict<E, Object> dict;
    private final String name;

    /** Creates an empty set (Python's {@code set()}), named {@code "TSet#<n>"} (see {@link #name()}). */
    public TSet() {
        this(new TDict<>());
    }

    /**
     * Creates an empty set named {@code name}: conflict reports and diagnostics call it
     * {@code "TSet <name>"} ({@code "TSet tags, element x"}).
     *
     * @param name the name
     * @throws NullPointerException ({@code "name"}) if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty or blank
     */
    public TSet(String name) {
        this(new TDict<>(), Names.check(name));
    }

    private TSet(TDict<E, Object> dict) {
        this(dict, Names.next("TSet"));
    }

    private TSet(TDict<E, Object> dict, String name) {
        this.dict = dict;
        this.name = name;
        dict.describeAsSet("TSet " + name);
    }

    /**
     * This set's name: the one given at construction, or {@code "TSet#<n>"}, {@code n} counting the
     * sets created in this JVM (unique, in creation order, not necessarily consecutive).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * A new set of {@code elements} in their order; duplicates keep the first position (Python's
     * <code>{a, b, c}</code>). Null elements are allowed.
     *
     * @param <E> the element type
     * @param elements the elements
     * @return a new set
     * @throws NullPointerException if the array is null
     */
    @SafeVarargs
    public static <E extends @Nullable Object> TSet<E> of(E... elements) {
        Objects.requireNonNull(elements, "elements");
        ArrayList<E> all = new ArrayList<>(elements.length);
        for (E e : elements) {
            all.add(e);
        }
        return ofDistinct(all);
    }

    /**
     * A new set of the elements of {@code elements} in iteration order (Python's {@code set(it)}). A
     * transactional source is read in one transaction (or in the running one).
     *
     * @param <E> the element type
     * @param elements the elements
     * @return a new set
     * @throws NullPointerException if {@code elements} is null
     */
    public static <E extends @Nullable Object> TSet<E> from(Iterable<? extends E> elements) {
        Objects.requireNonNull(elements, "elements");
        return ofDistinct(Stm.atomic(() -> {
            ArrayList<E> all = new ArrayList<>();
            for (E e : elements) {
                all.add(e);
            }
            return all;
        }));
    }

    /** A new set of {@code elements} in their order (built directly: not shared yet). */
    private static <E> TSet<E> ofDistinct(Collection<E> elements) {
        return new TSet<>(TDict.fromkeys(elements, PRESENT));
    }

    // =============================================================================================
    // Single elements
    // =============================================================================================

    /**
     * Python's {@code s.add(e)}; returns whether {@code e} was new. Adding a present element writes
     * nothing (and keeps its position).
     */
    @Override
    public boolean add(E e) {
        return Txn.run(this, e, TSet::addIn);
    }

    /** Whether the set holds an element equal to {@code o}. */
    @Override
    public boolean contains(@Nullable Object o) {
        return dict.containsKey(o);
    }

    /** Java's {@code remove}: removes {@code o} if present; returns whether it was. */
    @Override
    public boolean remove(@Nullable Object o) {
        return dict.remove(o) != null;
    }

    /**
     * Python's {@code s.discard(o)}: removes {@code o} if present.
     *
     * @param o the element to remove
     */
    public void discard(@Nullable Object o) {
        dict.remove(o);
    }

    /**
     * Python's {@code s.remove(o)}: removes {@code o}.
     *
     * @param o the element to remove
     * @throws KeyError if {@code o} is absent; the message is its {@code repr} (e.g. {@code 'a'}, {@code None})
     */
    public void removeItem(@Nullable Object o) {
        if (dict.remove(o) == null) {
            throw new KeyError(PyRepr.of(o));
        }
    }

    /**
     * Python's {@code s.pop()}: removes and returns an element, here the most recently inserted one.
     *
     * @return the removed element
     * @throws KeyError if the set is empty; message {@code 'pop from an empty set'} (Python's
     *         {@code str(KeyError)}: the repr of its argument, as for a missing element)
     */
    public E pop() {
        try {
            return dict.popitem().getKey();
        } catch (KeyError empty) {
            throw new KeyError(PyRepr.of("pop from an empty set"));
        }
    }

    /**
     * Python's {@code len(s)}.
     *
     * @return the number of elements
     */
    public int len() {
        return dict.len();
    }

    /** The number of elements; same as {@link #len()}. */
    @Override
    public int size() {
        return dict.len();
    }

    /** Whether the set is empty (reads the size: conflicts like {@link #len()}). */
    @Override
    public boolean isEmpty() {
        return dict.len() == 0;
    }

    /**
     * Python's {@code s.clear()}: removes every element, in one transaction. Calls no element's
     * {@code equals} or {@code hashCode}.
     */
    @Override
    public void clear() {
        dict.clear();
    }

    /**
     * Python's {@code s.copy()}: a new set with a consistent snapshot of this one's elements, in order.
     *
     * @return a new, independent set
     */
    public TSet<E> copy() {
        return new TSet<>(dict.copy());
    }

    // =============================================================================================
    // Python set operations: new sets
    // =============================================================================================

    /**
     * Python's {@code s.union(*others)} ({@code s | t | ...}): a new set of the elements of this set
     * and of every argument; with no argument, a copy.
     *
     * @param others the sets or iterables to unite with this one
     * @return a new set
     * @throws NullPointerException if the array or an argument is null
     */
    @SafeVarargs
    public final TSet<E> union(Iterable<? extends E>... others) {
        Objects.requireNonNull(others, "others");
        List<Iterable<? extends E>> args = new ArrayList<>(others.length);
        for (int i = 0; i < others.length; i++) { // element by element: the array itself never escapes
            if (others[i] == null) {
                throw new NullPointerException("others[" + i + "]");
            }
            args.add(others[i]);
        }
        return ofDistinct(Stm.atomic(() -> {
            LinkedHashSet<E> acc = new LinkedHashSet<>(elements());
            for (Iterable<? extends E> other : args) {
                for (E e : other) {
                    acc.add(e);
                }
            }
            return acc;
        }));
    }

    /**
     * Python's {@code s.intersection(*others)} ({@code s & t & ...}): a new set of this set's
     * elements that are in every argument; with no argument, a copy.
     *
     * @param others the sets or iterables to intersect with this one
     * @return a new set
     * @throws NullPointerException if the array or an argument is null
     */
    public TSet<E> intersection(Iterable<?>... others) {
        requireAll(others);
        return ofDistinct(Stm.atomic(() -> filter(others, true, true)));
    }

    /**
     * Python's {@code s.difference(*others)} ({@code s - t - ...}): a new set of this set's elements
     * that are in no argument; with no argument, a copy.
     *
     * @param others the sets or iterables whose elements to leave out
     * @return a new set
     * @throws NullPointerException if the array or an argument is null
     */
    public TSet<E> difference(Iterable<?>... others) {
        requireAll(others);
        return ofDistinct(Stm.atomic(() -> filter(others, false, false)));
    }

    /**
     * Python's {@code s.symmetric_difference(other)} ({@code s ^ t}): a new set of the elements in
     * exactly one of this set and {@code other}.
     *
     * @param other the set or iterable to compare with
     * @return a new set
     * @throws NullPointerException if {@code other} is null
     */
    public TSet<E> symmetricDifference(Iterable<? extends E> other) {
        Objects.requireNonNull(other, "other");
        return ofDistinct(Stm.atomic(() -> {
            LinkedHashSet<E> acc = new LinkedHashSet<>(elements());
            for (E e : distinct(other)) {
                if (!acc.remove(e)) {
                    acc.add(e);
                }
            }
            return acc;
        }));
    }

    // =============================================================================================
    // Python set operations: in place
    // =============================================================================================

    /**
     * Python's {@code s.update(*others)} ({@code s |= t}): adds the elements of every argument, in one
     * transaction; if an argument is null or an iteration throws, nothing changes.
     *
     * @param others the elements to add
     * @throws NullPointerException if the array or an argument is null
     */
    @SafeVarargs
    public final void update(Iterable<? extends E>... others) {
        Objects.requireNonNull(others, "others");
        List<Iterable<? extends E>> args = new ArrayList<>(others.length);
        for (int i = 0; i < others.length; i++) { // element by element: the array itself never escapes
            if (others[i] == null) {
                throw new NullPointerException("others[" + i + "]");
            }
            args.add(others[i]);
        }
        Stm.atomic(() -> {
            ArrayList<E> toAdd = new ArrayList<>();
            for (Iterable<? extends E> other : args) {
                for (E e : other) {
                    toAdd.add(e);
                }
            }
            for (E e : toAdd) {
                addNow(e);
            }
        });
    }

    /**
     * Python's {@code s.intersection_update(*others)} ({@code s &= t}): keeps only the elements that
     * are in every argument, in one transaction; with no argument, changes nothing.
     *
     * @param others the sets or iterables to intersect with
     * @throws NullPointerException if the array or an argument is null
     */
    public void intersectionUpdate(Iterable<?>... others) {
        requireAll(others);
        Stm.atomic(() -> {
            removeAllOf(filter(others, true, false));
        });
    }

    /**
     * Python's {@code s.difference_update(*others)} ({@code s -= t}): removes the elements of every
     * argument, in one transaction.
     *
     * @param others the elements to remove
     * @throws NullPointerException if the array or an argument is null
     */
    public void differenceUpdate(Iterable<?>... others) {
        requireAll(others);
        Stm.atomic(() -> {
            removeAllOf(filter(others, false, true));
        });
    }

    /**
     * Python's {@code s.symmetric_difference_update(other)} ({@code s ^= t}): removes the elements of
     * {@code other} that are in this set and adds those that are not, in one transaction.
     *
     * @param other the elements to toggle
     * @throws NullPointerException if {@code other} is null
     */
    public void symmetricDifferenceUpdate(Iterable<? extends E> other) {
        Objects.requireNonNull(other, "other");
        Stm.atomic(() -> {
            for (E e : distinct(other)) {
                if (dict.remove(e) == null) {
                    dict.put(e, PRESENT);
                }
            }
        });
    }

    // =============================================================================================
    // Python comparisons
    // =============================================================================================

    /**
     * Python's {@code s.issubset(other)} ({@code s <= t}): whether every element of this set is in
     * {@code other}.
     *
     * @param other the set or iterable to compare with
     * @return whether this set is a subset of {@code other}
     * @throws NullPointerException if {@code other} is null
     */
    public boolean isSubset(Iterable<?> other) {
        Objects.requireNonNull(other, "other");
        return Stm.atomic(() -> {
            Set<?> m = membership(other);
            for (E e : elements()) {
                if (!m.contains(e)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Python's {@code s.issuperset(other)} ({@code s >= t}): whether every element of {@code other}
     * is in this set.
     *
     * @param other the set or iterable to compare with
     * @return whether this set is a superset of {@code other}
     * @throws NullPointerException if {@code other} is null
     */
    public boolean isSuperset(Iterable<?> other) {
        Objects.requireNonNull(other, "other");
        return Stm.atomic(() -> {
            for (Object o : other) {
                if (!dict.containsKey(o)) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Python's {@code s.isdisjoint(other)}: whether this set and {@code other} have no element in
     * common.
     *
     * @param other the set or iterable to compare with
     * @return whether the two have no common element
     * @throws NullPointerException if {@code other} is null
     */
    public boolean isDisjoint(Iterable<?> other) {
        Objects.requireNonNull(other, "other");
        return Stm.atomic(() -> {
            for (Object o : other) {
                if (dict.containsKey(o)) {
                    return false;
                }
            }
            return true;
        });
    }

    // =============================================================================================
    // java.util.Set bulk operations, each one transaction
    // =============================================================================================

    /**
     * Adds every element of {@code c}, in one transaction; returns whether the set changed.
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean addAll(Collection<? extends E> c) {
        Objects.requireNonNull(c, "collection");
        return Stm.atomic(() -> {
            boolean changed = false;
            for (E e : new ArrayList<E>(c)) {
                changed |= addNow(e);
            }
            return changed;
        });
    }

    /**
     * Removes every element of {@code c} (by this set's equality), in one transaction; returns
     * whether the set changed.
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean removeAll(Collection<?> c) {
        Objects.requireNonNull(c, "collection");
        return Stm.atomic(() -> {
            boolean changed = false;
            for (Object o : new ArrayList<Object>(c)) {
                changed |= dict.remove(o) != null;
            }
            return changed;
        });
    }

    /**
     * Keeps only the elements that {@code c.contains}, in one transaction; returns whether the set
     * changed. If {@code c.contains} throws, nothing changes.
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean retainAll(Collection<?> c) {
        Objects.requireNonNull(c, "collection");
        return removeIf(e -> !c.contains(e));
    }

    /**
     * Removes the elements matching {@code filter}, in one transaction; returns whether any was
     * removed. If {@code filter} throws, nothing changes.
     *
     * @throws NullPointerException if {@code filter} is null
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        return Stm.atomic(() -> {
            ArrayList<E> doomed = new ArrayList<>();
            for (E e : elements()) {
                if (filter.test(e)) {
                    doomed.add(e);
                }
            }
            removeAllOf(doomed);
            return !doomed.isEmpty();
        });
    }

    /**
     * Whether every element of {@code c} is in this set, in one transaction.
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean containsAll(Collection<?> c) {
        return isSuperset(Objects.requireNonNull(c, "collection"));
    }

    // =============================================================================================
    // Iteration and Object
    // =============================================================================================

    /** A snapshot iterator in insertion order; {@code remove()} removes the element from the set. */
    @Override
    public Iterator<E> iterator() {
        return dict.keySet().iterator();
    }

    /** A snapshot spliterator (ordered, distinct, sized) in insertion order. */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliterator(toArray(), Spliterator.ORDERED | Spliterator.DISTINCT);
    }

    /** The elements of a consistent snapshot, in insertion order. */
    @Override
    public @Nullable Object[] toArray() {
        return elements().toArray();
    }

    /** The elements of a consistent snapshot, in insertion order, in {@code a} if it is large enough. */
    @Override
    public <T extends @Nullable Object> T[] toArray(T[] a) {
        Objects.requireNonNull(a, "array");
        return elements().toArray(a);
    }

    /** {@code Set} equality, in one transaction (both sets read consistently when {@code o} is a TSet). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Set)) {
            return false;
        }
        Set<?> other = (Set<?>) o;
        return Stm.atomic(() -> {
            List<E> mine = elements();
            if (other.size() != mine.size()) {
                return false;
            }
            try {
                for (E e : mine) {
                    if (!other.contains(e)) {
                        return false;
                    }
                }
                return true;
            } catch (ClassCastException | NullPointerException unused) {
                return false; // as AbstractSet.equals: other cannot hold such an element
            }
        });
    }

    /** {@code Set} hash code (sum of the elements' hash codes, 0 for null) of a consistent snapshot. */
    @Override
    public int hashCode() {
        int h = 0;
        for (E e : elements()) {
            h += Objects.hashCode(e);
        }
        return h;
    }

    // =============================================================================================
    // Internals (run inside a transaction)
    // =============================================================================================

    private static <E> Boolean addIn(TSet<E> set, Txn tx, E e) {
        return set.addNow(e);
    }

    private boolean addNow(E e) {
        if (dict.containsKey(e)) {
            return false;
        }
        dict.put(e, PRESENT);
        return true;
    }

    /** The elements, in order, of one snapshot (the running transaction's, or a transaction of its own). */
    private List<E> elements() {
        ArrayList<E> out = new ArrayList<>();
        for (Iterator<E> it = dict.keySet().iterator(); it.hasNext();) {
            out.add(it.next());
        }
        return out;
    }

    /**
     * This set's elements, in order, for which "in every argument" ({@code every}) or "in some
     * argument" ({@code !every}) is {@code wanted}. Every membership test happens before the caller
     * changes anything, so an argument may be this set itself.
     */
    private List<E> filter(Iterable<?>[] others, boolean every, boolean wanted) {
        Set<?>[] members = new Set<?>[others.length];
        for (int i = 0; i < others.length; i++) {
            members[i] = membership(others[i]);
        }
        ArrayList<E> out = new ArrayList<>();
        for (E e : elements()) {
            boolean result = every;
            for (Set<?> m : members) {
                if (m.contains(e) != every) {
                    result = !every;
                    break;
                }
            }
            if (result == wanted) {
                out.add(e);
            }
        }
        return out;
    }

    private void removeAllOf(List<?> doomed) {
        for (Object o : doomed) {
            dict.remove(o);
        }
    }

    /** A set answering membership in {@code it} by equality: a TSet itself, else a hash set of its elements. */
    private static Set<?> membership(Iterable<?> it) {
        if (it instanceof TSet) {
            return (TSet<?>) it;
        }
        HashSet<Object> s = new HashSet<>();
        for (Object o : it) {
            s.add(o);
        }
        return s;
    }

    /** The distinct elements of {@code it}, in iteration order. */
    private static <T> LinkedHashSet<T> distinct(Iterable<? extends T> it) {
        LinkedHashSet<T> s = new LinkedHashSet<>();
        for (T t : it) {
            s.add(t);
        }
        return s;
    }

    private static void requireAll(Iterable<?>[] others) {
        Objects.requireNonNull(others, "others");
        for (int i = 0; i < others.length; i++) {
            if (others[i] == null) {
                throw new NullPointerException("others[" + i + "]");
            }
        }
    }
}
