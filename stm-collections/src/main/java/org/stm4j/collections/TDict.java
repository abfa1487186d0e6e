package org.stm4j.collections;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.stm4j.Stm;
import org.stm4j.access.Structures;
import org.stm4j.access.Txn;
import org.stm4j.collections.internal.DictCore;
import org.stm4j.collections.internal.DictSlot;
import org.stm4j.collections.internal.Names;
import org.stm4j.collections.internal.PyRepr;

/**
 * A transactional dict: Python's {@code dict} semantics (insertion order, {@code KeyError},
 * {@code setdefault}, {@code popitem}...) as a {@link java.util.Map}. Every operation is atomic:
 * inside {@link Stm#atomic(Runnable) atomic} it is part of the running transaction (and composes
 * with everything else in it); outside, it is a transaction of its own. {@code null} keys and
 * values are allowed (Python's {@code None}).
 *
 * <p><b>Memory consistency effects:</b> every operation is a transaction or part of the enclosing one:
 * actions in a thread before an operation that stores an element happen-before the actions in another
 * thread after an operation that retrieves it (see the package documentation).
 *
 * <!-- snippet: stm-collections/src/test/java/org/stm4j/collections/docs/CollectionsSnippetsTest.java#javadoc-tdict -->
 * <pre>{@code
 * TDict<String, Integer> stock = new TDict<>();
 * atomic(() -> stock.put("apples", stock.get("apples", 0) + 1));
 * }</pre>
 *
 * <h2>How it is built, and what conflicts</h2>
 * Each key has its own TVar (its <em>predicate</em>) in a non-transactional concurrent index, so
 * transactions on different keys touch different TVars: updates and deletes of distinct existing
 * keys never conflict, and a read of a key conflicts only with writes of that key (a put that stores
 * the identical value reference the key already holds writes nothing: it only reads the key). The size is a
 * set of striped counters that inserts and deletes change commutatively (without reading them),
 * so inserts of distinct new keys do not conflict either; they only briefly share a stripe lock
 * and an ordering counter at commit. Operations that depend on every key — {@link #len()},
 * iteration, {@link #copy()}, {@link #popitem()}, {@link #equals}, {@code update(this dict)} —
 * read every stripe and so conflict with concurrent inserts and deletes (and with nothing else).
 * Insertion order is a skip list of commit-time stamps, maintained by committing transactions
 * while they hold their locks. Predicates of absent keys are reclaimed in the background of later
 * operations, and those an aborted transaction created when it rolls back, so memory stays
 * proportional to the live keys. See {@code docs/collections.md}.
 *
 * <h2>Views and iterators</h2>
 * {@link #keys()}, {@link #values()} and {@link #items()} (also {@link #keySet()},
 * {@link #entrySet()}) are live views: each call on a view is one atomic operation on the dict,
 * and removal through a view or its iterator removes the key; {@link Map.Entry#setValue} writes
 * through. An iterator takes a consistent snapshot of the keys, in insertion order, when it is
 * created (inside a transaction: in that transaction's view, including its own pending changes;
 * outside: in a transaction of its own), and iterates that snapshot: changes made after its
 * creation — by others or through the dict — are not reflected, and it never throws
 * {@code ConcurrentModificationException} (Python would raise {@code RuntimeError} on a size change).
 *
 * <h2>Where Python and Java differ</h2>
 * The {@code java.util.Map} methods keep the Java contract ({@link #get(Object)} returns
 * {@code null} for a missing key, {@link #remove(Object)} returns the old value or null); the
 * Python methods ({@link #getItem}, {@link #pop(Object)}, {@link #delItem}) raise
 * {@link KeyError} with the key's {@code repr} as message. The default {@code Map} methods
 * ({@code compute}, {@code merge}, {@code putIfAbsent}...) are atomic too; a function passed to
 * them may run more than once if the transaction re-runs, so it must be free of side effects.
 * Equality and hashing follow {@code Map}; {@link #toString()} follows {@code AbstractMap}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class TDict<K extends @Nullable Object, V extends @Nullable Object> implements Map<K, V> {
    static {
        Structures.markLibrary(TDict.class); // the conflict report's call sites skip this module's frames
    }

    private final DictCore core;
    private final String name;
    private KeysView keys;
    private ValuesView values;
    private ItemsView items;

    /** Creates an empty dict, named {@code "TDict#<n>"} (see {@link #name()}). */
    public TDict() {
        this(new DictCore(), Names.next("TDict"));
    }

    /**
     * Creates an empty dict named {@code name}: conflict reports and diagnostics call it
     * {@code "TDict <name>"} ({@code "TDict accounts, key 17"}).
     *
     * @param name the name
     * @throws NullPointerException ({@code "name"}) if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is empty or blank
     */
    public TDict(String name) {
        this(new DictCore(), Names.check(name));
    }

    private TDict(DictCore core) {
        this(core, Names.next("TDict"));
    }

    private TDict(DictCore core, String name) {
        this.core = core;
        this.name = name;
        core.describeAs("TDict " + name, "key");
    }

    /**
     * This dict's name: the one given at construction, or {@code "TDict#<n>"}, {@code n} counting
     * the dicts created in this JVM (unique, in creation order, not necessarily consecutive).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * {@link #from(Map)}, named {@code name}.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param name the name
     * @param map the source of the entries
     * @return a new dict
     * @throws NullPointerException if {@code name} ({@code "name"}) or {@code map} is null
     * @throws IllegalArgumentException if {@code name} is empty or blank
     */
    public static <K extends @Nullable Object, V extends @Nullable Object> TDict<K, V> from(String name, Map<? extends K, ? extends V> map) {
        Names.check(name);
        Objects.requireNonNull(map, "map");
        DictCore core = map instanceof TDict ? copyOf(((TDict<?, ?>) map).snapshot()) : load(map.entrySet());
        return new TDict<>(core, name);
    }

    /** Marks this dict's core as a set's (for {@code TSet}'s descriptions). */
    void describeAsSet(String label) {
        core.describeAs(label, "element");
    }

    /**
     * A new dict with the entries of {@code map}, in its iteration order (Python's {@code dict(m)}).
     * A {@code TDict} source is read in one transaction (or in the running one).
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param map the source of the entries
     * @return a new dict
     * @throws NullPointerException if {@code map} is null
     */
    public static <K extends @Nullable Object, V extends @Nullable Object> TDict<K, V> from(Map<? extends K, ? extends V> map) {
        Objects.requireNonNull(map, "map");
        if (map instanceof TDict) {
            return ((TDict<? extends K, ? extends V>) map).copyAs();
        }
        return new TDict<>(load(map.entrySet()));
    }

    /**
     * A new dict with each element of {@code keys} mapped to {@code value} (Python's
     * {@code dict.fromkeys}); later duplicates keep the first position.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param keys the keys, in order
     * @param value the value of every key (may be null)
     * @return a new dict
     * @throws NullPointerException if {@code keys} is null
     */
    public static <K extends @Nullable Object, V extends @Nullable Object> TDict<K, V> fromkeys(Iterable<? extends K> keys, V value) {
        Objects.requireNonNull(keys, "keys");
        LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
        for (K k : keys) {
            m.put(k, value);
        }
        return new TDict<>(load(m.entrySet()));
    }

    private static DictCore load(Collection<? extends Map.Entry<?, ?>> entries) {
        LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries) {
            m.put(e.getKey(), e.getValue());
        }
        int n = m.size();
        Object[] ks = new Object[n];
        Object[] vs = new Object[n];
        int i = 0;
        for (Map.Entry<Object, Object> e : m.entrySet()) {
            ks[i] = e.getKey();
            vs[i++] = e.getValue();
        }
        return new DictCore(ks, vs, n);
    }

    private static DictCore copyOf(DictSlot[] slots) {
        int n = slots.length;
        Object[] ks = new Object[n];
        Object[] vs = new Object[n];
        for (int i = 0; i < n; i++) {
            ks[i] = slots[i].key;
            vs[i] = slots[i].value;
        }
        return new DictCore(ks, vs, n);
    }

    private <K2, V2> TDict<K2, V2> copyAs() {
        return new TDict<>(copyOf(snapshot()));
    }

    // ================================================================ internals

    @SuppressWarnings("unchecked")
    private static <T> T valueOf(Object slot) {
        return slot instanceof DictSlot ? (T) ((DictSlot) slot).value : null;
    }

    private Object slot(Object key) {
        Txn tx = Txn.current();
        return tx.active() ? core.slot(tx, key) : core.slotNow(key);
    }

    /** The present slots, in order: a consistent snapshot (in the running transaction, or its own). */
    private DictSlot[] snapshot() {
        return Txn.run(core, DictCore::slots);
    }

    private Object putSlot(K key, V value) {
        Txn tx = Txn.current();
        if (tx.active()) {
            return core.put(tx, key, value); // what Txn.run does inside a transaction, without a second lookup
        }
        Object previous = core.putNow(tx, key, value); // a present key's overwrite: one step on one TVar
        return previous != Txn.NEEDS_TRANSACTION ? previous : Txn.run(core, key, value, DictCore::put);
    }

    private Object removeSlot(Object key) {
        return Txn.run(core, key, DictCore::remove);
    }

    // ================================================================ Python API

    /**
     * Python's {@code d[key]}.
     *
     * @param key the key (may be null)
     * @return its value
     * @throws KeyError if the key is absent (message: the key's repr)
     */
    public V getItem(@Nullable Object key) {
        Object s = slot(key);
        if (!(s instanceof DictSlot)) {
            throw new KeyError(PyRepr.of(key));
        }
        return valueOf(s);
    }

    /**
     * Python's {@code d[key] = value}.
     *
     * @param key the key (may be null)
     * @param value the value (may be null)
     */
    public void setItem(K key, V value) {
        putSlot(key, value);
    }

    /**
     * Python's {@code del d[key]}.
     *
     * @param key the key to remove
     * @throws KeyError if the key is absent
     */
    public void delItem(@Nullable Object key) {
        if (!(removeSlot(key) instanceof DictSlot)) {
            throw new KeyError(PyRepr.of(key));
        }
    }

    /**
     * Python's {@code d.get(key, dflt)}: the value (possibly null), or {@code dflt} if the key is absent.
     *
     * @param key the key (may be null)
     * @param dflt what to return when the key is absent
     * @return the value or {@code dflt}
     */
    public V get(@Nullable Object key, V dflt) {
        Object s = slot(key);
        return s instanceof DictSlot ? valueOf(s) : dflt;
    }

    /**
     * Python's {@code d.setdefault(key, dflt)}: the value if present, else inserts and returns {@code dflt}.
     *
     * @param key the key (may be null)
     * @param dflt the value to insert when the key is absent
     * @return the value now mapped to {@code key}
     */
    public V setdefault(K key, V dflt) {
        @SuppressWarnings("unchecked")
        V v = (V) Txn.block(core, key, dflt, TDict::setdefaultIn);
        return v;
    }

    /** The value {@code key} has after {@code setdefault(key, dflt)}. */
    private static Object setdefaultIn(DictCore core, Txn tx, Object key, Object dflt) {
        Object s = core.slot(tx, key);
        if (s instanceof DictSlot) {
            return ((DictSlot) s).value;
        }
        core.put(tx, key, dflt);
        return dflt;
    }

    /**
     * Python's {@code d.pop(key)}: removes the key and returns its value.
     *
     * @param key the key to remove
     * @return the value it had
     * @throws KeyError if the key is absent
     */
    public V pop(@Nullable Object key) {
        Object s = removeSlot(key);
        if (!(s instanceof DictSlot)) {
            throw new KeyError(PyRepr.of(key));
        }
        return valueOf(s);
    }

    /**
     * Python's {@code d.pop(key, dflt)}: removes the key and returns its value, or {@code dflt} if absent.
     *
     * @param key the key to remove
     * @param dflt what to return when the key is absent
     * @return the value it had, or {@code dflt}
     */
    public V pop(@Nullable Object key, V dflt) {
        Object s = removeSlot(key);
        return s instanceof DictSlot ? valueOf(s) : dflt;
    }

    /**
     * Python's {@code d.popitem()}: removes and returns the last inserted entry (LIFO).
     * Reads the whole dict's size, so it conflicts with concurrent inserts and deletes.
     *
     * @return the removed entry (a detached copy)
     * @throws KeyError if the dict is empty; message {@code 'popitem(): dictionary is empty'} (Python's
     *         {@code str(KeyError)}: the repr of its argument, as for a missing key)
     */
    public Map.Entry<K, V> popitem() {
        DictSlot s = Txn.run(core, DictCore::popLast);
        if (s == null) {
            throw new KeyError(PyRepr.of("popitem(): dictionary is empty"));
        }
        return immutableEntry(s);
    }

    @SuppressWarnings("unchecked")
    private Map.Entry<K, V> immutableEntry(DictSlot s) {
        return new AbstractMap.SimpleImmutableEntry<>((K) s.key, (V) s.value);
    }

    /**
     * Python's {@code d.update(other)}: puts every entry of {@code other}, atomically. A
     * {@code TDict} argument is read as a consistent snapshot in the same transaction;
     * {@code d.update(d)} changes nothing.
     *
     * @param other the entries to put
     * @throws NullPointerException if {@code other} is null (nothing changes)
     */
    public void update(Map<? extends K, ? extends V> other) {
        Objects.requireNonNull(other, "other");
        Txn.block(core, other, TDict::updateIn);
    }

    private static Object updateIn(DictCore core, Txn tx, Map<?, ?> other) {
        if (other instanceof TDict) {
            for (DictSlot s : ((TDict<?, ?>) other).core.slots(tx)) {
                core.put(tx, s.key, s.value);
            }
        } else {
            for (Map.Entry<?, ?> e : other.entrySet()) {
                core.put(tx, e.getKey(), e.getValue());
            }
        }
        return null;
    }

    private static Object clearIn(DictCore core, Txn tx) {
        core.clear(tx);
        return null;
    }

    /**
     * Python's {@code d | other}: a new dict with this dict's entries updated by {@code other}'s.
     *
     * @param other the entries that win
     * @return a new dict
     */
    public TDict<K, V> union(Map<? extends K, ? extends V> other) {
        Objects.requireNonNull(other, "other");
        return Stm.atomic(() -> {
            TDict<K, V> r = copy();
            r.update(other);
            return r;
        });
    }

    /**
     * Python's {@code d.copy()}: a new dict with a consistent snapshot of this one's entries, in order.
     *
     * @return a new, independent dict
     */
    public TDict<K, V> copy() {
        return copyAs();
    }

    /**
     * Python's {@code len(d)} (reads every size stripe: conflicts with concurrent inserts and deletes).
     *
     * @return the number of entries
     */
    public int len() {
        long n = Txn.run(core, DictCore::len);
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /**
     * Python's {@code d.keys()}: the live key view (same as {@link #keySet()}).
     *
     * @return the key view
     */
    public Set<K> keys() {
        return keySet();
    }

    /**
     * Python's {@code d.items()}: the live entry view (same as {@link #entrySet()}).
     *
     * @return the entry view
     */
    public Set<Map.Entry<K, V>> items() {
        return entrySet();
    }

    // ================================================================ the naming rule's spellings
    // Python names become camelCase at their word boundaries (docs/collections.md, "Python names in
    // Java"). The SPEC keeps three of dict's names as Python writes them; these are the rule's
    // spellings of the same methods, and only delegate.

    /**
     * Same as {@link #fromkeys(Iterable, Object)}, spelled by the naming rule for Python names
     * (Python's {@code dict.fromkeys}).
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param keys the keys, in order
     * @param value the value of every key (may be null)
     * @return a new dict
     * @throws NullPointerException if {@code keys} is null
     */
    public static <K extends @Nullable Object, V extends @Nullable Object> TDict<K, V> fromKeys(Iterable<? extends K> keys, V value) {
        return fromkeys(keys, value);
    }

    /**
     * Same as {@link #setdefault(Object, Object)}, spelled by the naming rule for Python names
     * (Python's {@code d.setdefault(key, dflt)}).
     *
     * @param key the key (may be null)
     * @param dflt the value to insert when the key is absent
     * @return the value now mapped to {@code key}
     */
    public V setDefault(K key, V dflt) {
        return setdefault(key, dflt);
    }

    /**
     * Same as {@link #popitem()}, spelled by the naming rule for Python names (Python's
     * {@code d.popitem()}).
     *
     * @return the removed entry (a detached copy)
     * @throws KeyError if the dict is empty
     */
    public Map.Entry<K, V> popItem() {
        return popitem();
    }

    // ================================================================ java.util.Map

    @Override
    public int size() {
        return len();
    }

    @Override
    public boolean isEmpty() {
        return len() == 0;
    }

    @Override
    public boolean containsKey(@Nullable Object key) {
        return slot(key) instanceof DictSlot;
    }

    @Override
    public boolean containsValue(@Nullable Object value) {
        for (DictSlot s : snapshot()) {
            if (Objects.equals(s.value, value)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public @Nullable V get(@Nullable Object key) {
        return valueOf(slot(key));
    }

    @Override
    public @Nullable V put(K key, V value) {
        return valueOf(putSlot(key, value));
    }

    @Override
    public @Nullable V remove(@Nullable Object key) {
        return valueOf(removeSlot(key));
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> m) {
        update(m);
    }

    /**
     * Python's {@code d.clear()}: removes every entry, atomically. Runs no user code: no key's
     * {@code equals} or {@code hashCode} is called (each present entry is deleted through its own
     * index entry), so keys whose {@code equals} touches this dict cannot make it recurse.
     */
    @Override
    public void clear() {
        Txn.block(core, TDict::clearIn);
    }

    @Override
    public Set<K> keySet() {
        KeysView v = keys;
        return v != null ? v : (keys = new KeysView());
    }

    @Override
    public Collection<V> values() {
        ValuesView v = values;
        return v != null ? v : (values = new ValuesView());
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        ItemsView v = items;
        return v != null ? v : (items = new ItemsView());
    }

    // ---- the default Map methods, made atomic

    @Override
    public V getOrDefault(@Nullable Object key, V defaultValue) {
        return get(key, defaultValue);
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        Objects.requireNonNull(action, "action");
        for (DictSlot s : snapshot()) {
            @SuppressWarnings("unchecked")
            K k = (K) s.key;
            @SuppressWarnings("unchecked")
            V v = (V) s.value;
            action.accept(k, v);
        }
    }

    @Override
    public void replaceAll(BiFunction<? super K, ? super V, ? extends V> function) {
        Objects.requireNonNull(function, "function");
        Stm.atomic(() -> Map.super.replaceAll(function));
    }

    @Override
    public @Nullable V putIfAbsent(K key, V value) {
        return Stm.atomic(() -> Map.super.putIfAbsent(key, value));
    }

    @Override
    public boolean remove(@Nullable Object key, @Nullable Object value) {
        return Stm.atomic(() -> Map.super.remove(key, value));
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        return Stm.atomic(() -> Map.super.replace(key, oldValue, newValue));
    }

    @Override
    public @Nullable V replace(K key, V value) {
        return Stm.atomic(() -> Map.super.replace(key, value));
    }

    @Override
    public @Nullable V computeIfAbsent(K key, Function<? super K, ? extends @Nullable V> mappingFunction) {
        Objects.requireNonNull(mappingFunction, "mappingFunction");
        return Stm.atomic(() -> Map.super.computeIfAbsent(key, mappingFunction));
    }

    @Override
    public @Nullable V computeIfPresent(K key, BiFunction<? super K, ? super V, ? extends @Nullable V> remappingFunction) {
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        return Stm.atomic(() -> Map.super.computeIfPresent(key, remappingFunction));
    }

    @Override
    public @Nullable V compute(K key, BiFunction<? super K, ? super @Nullable V, ? extends @Nullable V> remappingFunction) {
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        return Stm.atomic(() -> Map.super.compute(key, remappingFunction));
    }

    @Override
    public @Nullable V merge(K key, V value, BiFunction<? super V, ? super V, ? extends @Nullable V> remappingFunction) {
        Objects.requireNonNull(remappingFunction, "remappingFunction");
        return Stm.atomic(() -> Map.super.merge(key, value, remappingFunction));
    }

    // ---- Object

    /** {@code Map} equality, evaluated atomically (both maps in one transaction when {@code o} is a TDict). */
    @Override
    public boolean equals(@Nullable Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map)) {
            return false;
        }
        Map<?, ?> m = (Map<?, ?>) o;
        return Stm.atomic(() -> {
            DictSlot[] mine = snapshot();
            if (m.size() != mine.length) {
                return false;
            }
            for (DictSlot s : mine) {
                Object theirs = m.get(s.key);
                if (!Objects.equals(s.value, theirs) || (theirs == null && !m.containsKey(s.key))) {
                    return false;
                }
            }
            return true;
        });
    }

    /** {@code Map} hash code (sum of the entries' hash codes) of a consistent snapshot. */
    @Override
    public int hashCode() {
        int h = 0;
        for (DictSlot s : snapshot()) {
            h += Objects.hashCode(s.key) ^ Objects.hashCode(s.value);
        }
        return h;
    }

    /** {@code {k1=v1, k2=v2}} in insertion order, of a consistent snapshot ({@code AbstractMap} format). */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("{");
        DictSlot[] all = snapshot();
        for (int i = 0; i < all.length; i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(all[i].key == this ? "(this Map)" : all[i].key).append('=')
                    .append(all[i].value == this ? "(this Map)" : all[i].value);
        }
        return b.append('}').toString();
    }

    /** Internal: the algorithm behind this dict, for tests and benchmarks of the module. */
    DictCore core() {
        return core;
    }

    // ================================================================ views

    /** Iterates a snapshot; {@code remove} removes the last returned key from the dict. */
    private abstract class SnapshotIterator<T> implements Iterator<T> {
        private final DictSlot[] slots = snapshot();
        private int next;
        private DictSlot last;

        @Override
        public boolean hasNext() {
            return next < slots.length;
        }

        @Override
        public T next() {
            if (next >= slots.length) {
                throw new NoSuchElementException();
            }
            last = slots[next++];
            return element(last);
        }

        abstract T element(DictSlot s);

        @Override
        public void remove() {
            if (last == null) {
                throw new IllegalStateException("next() has not been called, or remove() was already called");
            }
            TDict.this.remove(last.key);
            last = null;
        }
    }

    private final class KeysView extends AbstractSet<K> {
        @Override
        public Iterator<K> iterator() {
            return new SnapshotIterator<K>() {
                @Override
                @SuppressWarnings("unchecked")
                K element(DictSlot s) {
                    return (K) s.key;
                }
            };
        }

        @Override
        public int size() {
            return len();
        }

        @Override
        public boolean contains(Object o) {
            return containsKey(o);
        }

        @Override
        public boolean remove(Object o) {
            return removeSlot(o) instanceof DictSlot;
        }

        @Override
        public void clear() {
            TDict.this.clear();
        }
    }

    private final class ValuesView extends AbstractCollection<V> {
        @Override
        public Iterator<V> iterator() {
            return new SnapshotIterator<V>() {
                @Override
                @SuppressWarnings("unchecked")
                V element(DictSlot s) {
                    return (V) s.value;
                }
            };
        }

        @Override
        public int size() {
            return len();
        }

        @Override
        public boolean contains(Object o) {
            return containsValue(o);
        }

        @Override
        public void clear() {
            TDict.this.clear();
        }
    }

    private final class ItemsView extends AbstractSet<Map.Entry<K, V>> {
        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return new SnapshotIterator<Map.Entry<K, V>>() {
                @Override
                Map.Entry<K, V> element(DictSlot s) {
                    return new WriteThroughEntry(s);
                }
            };
        }

        @Override
        public int size() {
            return len();
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry)) {
                return false;
            }
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            Object s = slot(e.getKey());
            return s instanceof DictSlot && Objects.equals(((DictSlot) s).value, e.getValue());
        }

        @Override
        public boolean remove(Object o) {
            if (!(o instanceof Map.Entry)) {
                return false;
            }
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            return TDict.this.remove(e.getKey(), e.getValue());
        }

        @Override
        public void clear() {
            TDict.this.clear();
        }
    }

    /** An entry of an iteration snapshot; {@link #setValue} writes through to the dict. */
    private final class WriteThroughEntry extends AbstractMap.SimpleEntry<K, V> {
        private static final long serialVersionUID = 1L;

        @SuppressWarnings("unchecked")
        WriteThroughEntry(DictSlot s) {
            super((K) s.key, (V) s.value);
        }

        @Override
        public V setValue(V value) {
            TDict.this.put(getKey(), value);
            return super.setValue(value);
        }
    }
}
