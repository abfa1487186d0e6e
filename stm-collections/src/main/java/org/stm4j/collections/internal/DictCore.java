package org.stm4j.collections.internal;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;
import org.stm4j.TVar;
import org.stm4j.access.StructureDescriber;
import org.stm4j.access.Structures;
import org.stm4j.access.Txn;

/**
 * The transactional algorithm behind {@code TDict}: predicates ({@link DictIndex}), a striped
 * commutative size ({@link DictSize}) and insertion order ({@link DictOrder}). Every method that
 * takes a {@link Txn} runs inside that (active) transaction; the caller provides the
 * transaction boundary and argument checks.
 *
 * <p>What each operation reads and writes — hence what it conflicts with:
 * <ul>
 *   <li>get / contains / getItem: the key's predicate only.</li>
 *   <li>put of a present key, or any value change: the key's predicate only, so updates of
 *       different keys never conflict; a put of the identical value it holds only reads it.</li>
 *   <li>insert / delete: the key's predicate, plus a deferred (unread) change on this thread's size
 *       stripe; inserts and deletes of different keys do not conflict.</li>
 *   <li>len, iteration, copy, popitem, equality: every size stripe (so they conflict with
 *       concurrent inserts and deletes) and the predicates of the keys they return.</li>
 * </ul>
 */
public final class DictCore implements StructureDescriber {
    private final DictIndex index;
    private final DictSize size;
    private final DictOrder order = new DictOrder();
    private final Runnable sweeper;
    /** {@code "TDict accounts"} and what a key is called in descriptions ({@code "key"}, {@code "element"}). */
    private volatile String label = "TDict";
    private volatile String part = "key";

    /** An empty dict. */
    public DictCore() {
        this(null, null, 0);
    }

    /**
     * A dict holding {@code n} distinct keys with their values, in that order. Builds the structure
     * directly (no transaction): the dict is not shared yet.
     */
    public DictCore(Object[] keys, Object[] values, int n) {
        index = new DictIndex(n);
        size = new DictSize(n);
        sweeper = () -> index.sweep(order.liveEstimate(), false);
        if (n > 0) {
            DictSlot[] slots = new DictSlot[n];
            for (int i = 0; i < n; i++) {
                slots[i] = new DictSlot(keys[i], values[i], null, i + 1L);
                TVar<Object> p = new TVar<>(slots[i]);
                slots[i].predicate = p; // before anything publishes the slot
                index.load(keys[i], p);
            }
            order.initialize(slots, n);
        }
    }

    // ---------------------------------------------------------------- single keys

    /** The key's state outside any transaction: a {@link DictSlot} or {@link DictSlot#ABSENT}. */
    public Object slotNow(Object key) {
        TVar<Object> p = index.find(key);
        if (p == null) {
            return DictSlot.ABSENT;
        }
        Object x = p.get();
        return x instanceof DictSlot ? x : DictSlot.ABSENT;
    }

    /** The key's state in {@code tx}: a {@link DictSlot} or {@link DictSlot#ABSENT}. */
    public Object slot(Txn tx, Object key) {
        for (;;) {
            TVar<Object> p = predicate(tx, key);
            Object x = tx.read(p);
            if (x == DictSlot.UNBORN) {
                index.readHorizon(tx);
                return DictSlot.ABSENT;
            }
            if (x != DictSlot.RETIRED) {
                return x;
            }
            index.forget(key, p);
        }
    }

    /**
     * Sets the key's value; returns its previous state (slot or ABSENT). Storing the identical value
     * reference a present key already holds writes nothing (the state would not change): the
     * operation is then only a read of the key's predicate: nothing is locked at commit, and
     * concurrent puts of the identical value do not conflict (as {@code TList}'s bulk writes skip
     * identical references).
     */
    public Object put(Txn tx, Object key, Object value) {
        for (;;) {
            TVar<Object> p = predicate(tx, key);
            Object x = tx.read(p);
            if (x instanceof DictSlot) {
                DictSlot old = (DictSlot) x;
                if (old.value != value) {
                    tx.write(p, new DictSlot(key, value, p, old.stamp));
                }
                return x;
            }
            if (x == DictSlot.ABSENT || x == DictSlot.UNBORN) {
                if (x == DictSlot.UNBORN) {
                    index.readHorizon(tx);
                }
                tx.write(p, new DictSlot(key, value, p, 0));
                size.record(tx, p, true, order);
                return DictSlot.ABSENT;
            }
            index.forget(key, p);
        }
    }

    /**
     * {@link #put} outside any transaction, where it is a single step on one TVar: the key is
     * present, so the put replaces its slot (same insertion stamp) and touches neither size nor
     * order. Returns the previous slot, or {@link Txn#NEEDS_TRANSACTION} if the key is absent or its
     * predicate is not current (then the caller runs {@link #put} in a transaction). The slot is
     * replaced only if the predicate did not change since it was read ({@link Txn#updateNow}), so a
     * concurrent delete cannot be overwritten by a stale slot.
     */
    public Object putNow(Txn tx, Object key, Object value) {
        TVar<Object> p = index.find(key);
        return p == null ? Txn.NEEDS_TRANSACTION : tx.updateNow(p, OVERWRITE, key, value);
    }

    /** {@link #putNow}'s step: a present key's new slot, or nothing to write, or "needs a transaction". */
    private static final Txn.Update OVERWRITE = (current, key, value) -> {
        if (!(current instanceof DictSlot)) {
            return Txn.NEEDS_TRANSACTION; // absent, unborn or retired: an insert, or look up again
        }
        DictSlot old = (DictSlot) current;
        return old.value == value ? Txn.NO_WRITE : new DictSlot(key, value, old.predicate, old.stamp);
    };

    /** Removes the key; returns its previous state (slot or ABSENT). */
    public Object remove(Txn tx, Object key) {
        for (;;) {
            TVar<Object> p = predicate(tx, key);
            Object x = tx.read(p);
            if (x instanceof DictSlot) {
                delete(tx, p);
                return x;
            }
            if (x == DictSlot.ABSENT) {
                return x;
            }
            if (x == DictSlot.UNBORN) {
                index.readHorizon(tx);
                return DictSlot.ABSENT;
            }
            index.forget(key, p);
        }
    }

    private void delete(Txn tx, TVar<Object> p) {
        tx.write(p, DictSlot.ABSENT);
        size.record(tx, p, false, order);
    }

    private TVar<Object> predicate(Txn tx, Object key) {
        TVar<Object> p = index.obtain(key);
        // the live estimate is a shared, often-written counter: read it only when a sweep may be due
        if (index.sweepDue() && index.takeSweepDue(order.liveEstimate())) {
            // after an abort too: the predicates an aborted attempt created are garbage at once
            tx.afterCommit(sweeper);
            tx.afterAbort(sweeper);
        }
        return p;
    }

    // ---------------------------------------------------------------- whole dict

    /** The number of keys in {@code tx}. */
    public long len(Txn tx) {
        return size.read(tx);
    }

    /** The present slots in insertion order, as {@code tx} sees them: a consistent snapshot. */
    public DictSlot[] slots(Txn tx) {
        long n = size.read(tx);
        DictSlot[] out = new DictSlot[(int) Math.min(Math.max(n, 0), Integer.MAX_VALUE - 8)];
        int k = 0;
        for (Iterator<DictSlot> it = order.oldestFirst(); it.hasNext();) {
            DictSlot node = it.next();
            Object x = tx.read(node.predicate);
            if (x instanceof DictSlot && ((DictSlot) x).stamp == node.stamp) {
                out = add(out, k++, (DictSlot) x);
            }
        }
        DictChanges own = size.pending(tx);
        if (own != null) {
            DictSlot[] mine = ownInserts(tx, own);
            for (int i = mine.length - 1; i >= 0; i--) {
                out = add(out, k++, mine[i]);
            }
        }
        confirm(tx, n, k);
        return k == out.length ? out : Arrays.copyOf(out, k);
    }

    private static DictSlot[] add(DictSlot[] a, int i, DictSlot s) {
        DictSlot[] r = i < a.length ? a : Arrays.copyOf(a, Math.max(8, i * 2));
        r[i] = s;
        return r;
    }

    /**
     * Re-reads the size after a walk of the order: a structural commit that changed the order during
     * the walk has also changed a stripe, so this read aborts the attempt (its snapshot no longer
     * validates) rather than let a torn walk through. A mismatch that survives is a bug.
     */
    private void confirm(Txn tx, long expected, int found) {
        long now = size.read(tx);
        if (now != expected || found != expected) {
            throw new IllegalStateException("dict invariant broken: size " + expected + "/" + now + ", found " + found);
        }
    }

    /** The slots {@code tx} itself inserted (stamp 0 and still present), newest insertion first. */
    private static DictSlot[] ownInserts(Txn tx, DictChanges newest) {
        DictSlot[] found = new DictSlot[Math.min(newest.count, 16)];
        int k = 0;
        IdentityHashMap<DictSlot, Boolean> seen = newest.count > 16 ? new IdentityHashMap<>() : null;
        for (DictChanges c = newest; c != null; c = c.older) {
            if (!c.insert) {
                continue;
            }
            Object x = tx.read(c.predicate);
            if (x instanceof DictSlot && ((DictSlot) x).stamp == 0) {
                DictSlot s = (DictSlot) x;
                if (seen != null ? seen.put(s, Boolean.TRUE) == null : indexOf(found, k, s) < 0) {
                    found = add(found, k++, s);
                }
            }
        }
        return k == found.length ? found : Arrays.copyOf(found, k);
    }

    private static int indexOf(DictSlot[] a, int n, DictSlot s) {
        for (int i = 0; i < n; i++) {
            if (a[i] == s) {
                return i;
            }
        }
        return -1;
    }

    /** Removes and returns the last inserted slot, or null if the dict is empty in {@code tx}. */
    public DictSlot popLast(Txn tx) {
        DictChanges own = size.pending(tx);
        if (own != null) {
            for (DictChanges c = own; c != null; c = c.older) {
                if (c.insert) {
                    Object x = tx.read(c.predicate);
                    if (x instanceof DictSlot && ((DictSlot) x).stamp == 0) {
                        delete(tx, c.predicate);
                        return (DictSlot) x;
                    }
                }
            }
        }
        long n = size.read(tx);
        if (n == 0) {
            return null;
        }
        for (Iterator<DictSlot> it = order.newestFirst(); it.hasNext();) {
            DictSlot node = it.next();
            Object x = tx.read(node.predicate);
            if (x instanceof DictSlot && ((DictSlot) x).stamp == node.stamp) {
                confirm(tx, n, (int) n);
                delete(tx, node.predicate);
                return (DictSlot) x;
            }
        }
        confirm(tx, n, 0);
        return null;
    }

    /**
     * Removes every key: a delete of each present slot's predicate, reached through the slot itself
     * (the order index, and this transaction's own inserts). No key is looked up in the index, so no
     * key's {@code hashCode} or {@code equals} runs (as Python's {@code dict.clear()} and
     * {@code HashMap.clear()}): user code cannot re-enter the dict, and a key whose {@code hashCode}
     * throws cannot make it fail. O(n), like Python.
     */
    public void clear(Txn tx) {
        for (DictSlot s : slots(tx)) {
            delete(tx, s.predicate);
        }
    }

    // ---------------------------------------------------------------- diagnostics

    /**
     * Names this dict for the conflict report ({@code label} as {@code "TDict accounts"}, a key as
     * {@code part}: {@code "key"}) and registers it with {@link Structures} (a no-op while the report
     * is off). The owner holds this core strongly; the registry holds it weakly.
     */
    public void describeAs(String label, String part) {
        this.label = label;
        this.part = part;
        Structures.register(this);
    }

    /** {@code "TDict accounts, key 17"}, {@code ", size"} (a size stripe), {@code ", key set"} (the horizon), or null. */
    @Override
    public @Nullable String describe(TVar<?> tvar) {
        if (size.owns(tvar)) {
            return label + ", size";
        }
        if (index.isHorizon(tvar)) {
            return label + ", key set";
        }
        Object[] key = index.keyOf(tvar);
        return key == null ? null : label + ", " + part + " " + key[0];
    }

    /** Predicates currently indexed (live keys plus absent ones not yet reclaimed); for tests and memory checks. */
    public int predicateCount() {
        return index.predicateCount();
    }

    /** Runs a reclamation sweep now (outside any transaction); for tests. */
    public void sweepNow() {
        index.sweep(order.liveEstimate(), true);
    }
}
