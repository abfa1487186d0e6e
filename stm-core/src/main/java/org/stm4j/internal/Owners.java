package org.stm4j.internal;

import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Finds a thread's transaction context by its id, so that a contention manager can see the
 * committer that holds a lock (a locked metadata word carries only the owner's id, see {@link Meta}).
 *
 * <p>A table of {@value #SIZE} weak references indexed by the low bits of the id: registering costs
 * one allocation per thread, a lookup two loads and no allocation, and the table never keeps a dead
 * context alive (contexts are never discarded anyway: a terminated thread's context is taken over
 * by a new thread, see {@link Contexts}, and keeps its id). Ids are handed out in
 * sequence, so two live contexts share an entry only when more than {@value #SIZE} contexts were
 * created between them; then the later one replaces the earlier, whose lookups answer {@code null}
 * ("owner unknown") — a manager must treat an unknown owner as it would an enemy it cannot compare
 * with. Used only off the fast path (a read or commit that met a lock).
 */
final class Owners {
    private static final int SIZE = 1024;
    private static final AtomicReferenceArray<WeakReference<TxnContext>> TABLE = new AtomicReferenceArray<>(SIZE);

    private Owners() {
    }

    /** Makes {@code tx} findable by its id. */
    static void register(TxnContext tx) {
        TABLE.set(index(tx.id()), new WeakReference<>(tx));
    }

    /** The live context with this id, or {@code null} if it is unknown. */
    static TxnContext find(long id) {
        WeakReference<TxnContext> ref = TABLE.get(index(id));
        TxnContext tx = ref == null ? null : ref.get();
        return tx != null && tx.id() == id ? tx : null;
    }

    private static int index(long id) {
        return (int) id & (SIZE - 1);
    }
}
