package org.stm4j.collections.internal;

import org.stm4j.TVar;
import org.stm4j.access.Txn;

/**
 * A dict's size as striped counters changed commutatively: a transaction that inserts or deletes
 * keys defers its net change onto one stripe (chosen by its thread) with a {@link DictChanges}
 * value, resolved at commit against the then-current count. No stripe enters the read set of a
 * writer, so inserts and deletes of different keys do not conflict through the size; two commits
 * on one stripe only take its lock in turn. Reading the size ({@code len}) reads every stripe, so
 * it conflicts with concurrent inserts and deletes — inherent, as the size depends on them all.
 */
final class DictSize {
    private static final int STRIPES = stripeCount();

    private final TVar<Object>[] stripes;

    @SuppressWarnings("unchecked")
    DictSize(long initial) {
        stripes = (TVar<Object>[]) new TVar<?>[STRIPES];
        stripes[0] = new TVar<>(initial);
        for (int i = 1; i < STRIPES; i++) {
            stripes[i] = new TVar<>(0L);
        }
    }

    private static int stripeCount() {
        int n = Integer.highestOneBit(Math.max(2, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2;
        return Math.max(4, Math.min(64, n));
    }

    /**
     * The calling thread's stripe, by its thread id: threads started together get consecutive ids,
     * hence different stripes (up to {@link #STRIPES} of them). Not by context: a context taken over
     * from a terminated thread keeps its id, so two live threads' contexts can share a stripe, and two
     * commits on one stripe can meet (a WRITE_LOCKED abort that the disjoint-keys promise rules out).
     */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is Java 19+
    private TVar<Object> stripeOf(Txn tx) {
        return stripes[(int) Thread.currentThread().getId() & (STRIPES - 1)];
    }

    /** Whether {@code v} is one of the stripes (for descriptions). */
    boolean owns(TVar<?> v) {
        for (TVar<Object> s : stripes) {
            if (s == v) {
                return true;
            }
        }
        return false;
    }

    /** The size as {@code tx} sees it (reads every stripe). */
    long read(Txn tx) {
        long n = 0;
        for (TVar<Object> s : stripes) {
            n += (Long) tx.read(s);
        }
        return n;
    }

    /** Records that {@code tx} inserted into (or deleted from) the key of {@code predicate}. */
    void record(Txn tx, TVar<Object> predicate, boolean insert, DictOrder order) {
        TVar<Object> s = stripeOf(tx);
        Object pending = tx.pendingWrite(s);
        DictChanges older = pending instanceof DictChanges ? (DictChanges) pending : null;
        tx.writeDeferred(s, new DictChanges(older, predicate, insert, order));
    }

    /** The structural changes {@code tx} has made and not committed, newest first, or null. */
    DictChanges pending(Txn tx) {
        Object pending = tx.pendingWrite(stripeOf(tx));
        return pending instanceof DictChanges ? (DictChanges) pending : null;
    }
}
