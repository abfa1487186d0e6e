package org.stm4j.collections.internal;

import org.stm4j.TVar;

/**
 * The value of a key's predicate TVar while the key is present: key, value and insertion stamp.
 * A predicate holds a {@code DictSlot}, {@link #ABSENT}, {@link #UNBORN} or, once reclaimed,
 * {@link #RETIRED}.
 *
 * <p>A slot is immutable once published, except that a slot written by an insert carries stamp
 * {@code 0} until its commit assigns the real stamp ({@link DictChanges#resolve}), which happens
 * with the predicate locked and before the slot is published. Overwriting a present key's value
 * writes a new slot with the same stamp, so the key keeps its place in iteration order.
 */
public final class DictSlot {
    /** The key is not in the dict (in this predicate's committed state). */
    public static final Object ABSENT = new Marker("ABSENT");
    /**
     * The key is not in the dict, and no commit has ever written this predicate: the initial value
     * of a predicate, which still carries the TVar's initial version. A transaction that reads it
     * must also read the index's horizon (see {@code DictIndex}), because a snapshot older than the
     * reclamation of the key's previous predicate could otherwise accept it unvalidated. Operations
     * report it as {@link #ABSENT}.
     */
    public static final Object UNBORN = new Marker("UNBORN");
    /** The predicate was reclaimed: it is no longer in the index; look the key up again. */
    public static final Object RETIRED = new Marker("RETIRED");

    /** The key, as given by the user (may be null). */
    public final Object key;
    /** The value (may be null). */
    public final Object value;
    /**
     * The predicate holding this slot (the order index leads from a slot to the key's current state).
     * Final in effect: set before the slot is published (only a new dict's loader sets it late).
     */
    TVar<Object> predicate;
    /** Insertion order: larger is later; 0 while the inserting transaction has not committed. */
    long stamp;

    DictSlot(Object key, Object value, TVar<Object> predicate, long stamp) {
        this.key = key;
        this.value = value;
        this.predicate = predicate;
        this.stamp = stamp;
    }

    /** The insertion stamp (0: inserted by the running transaction, not yet committed). */
    public long stamp() {
        return stamp;
    }

    private static final class Marker {
        private final String name;

        Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
