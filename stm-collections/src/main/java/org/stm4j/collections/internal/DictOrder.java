package org.stm4j.collections.internal;

import java.util.Comparator;
import java.util.Iterator;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Python's insertion order for a dict: a non-transactional skip list of the slots that inserts
 * published, ordered by their insertion stamp (each slot leads to its key's predicate), changed only by committing transactions ({@link DictChanges#resolve}) while they hold
 * the locks of the predicates they change.
 *
 * <p><b>Why stamp order is a valid insertion order.</b> A committing insert takes its stamp after
 * locking its predicates and validating its reads, i.e. at a moment inside its commit's critical
 * section. If insert A takes a smaller stamp than insert B, A held its locks when B took its stamp,
 * so any transaction that sees B's key present and validates afterwards sees A's predicate locked
 * (it waits) or already written: no one can observe B's insert without A's. Taking stamps at
 * execution time instead would not have this property (a slow committer would appear "earlier").
 *
 * <p><b>Readers.</b> The skip list is only an index: a reader takes a node as present only if the
 * predicate, read transactionally, holds a slot with that node's stamp (an overwrite publishes a
 * new slot with the same stamp; the node keeps the first one). To see every committed
 * insert and delete, a scan reads all size stripes before and after walking (a structural commit
 * writes a stripe and changes the skip list while holding that stripe's lock); so a scan that
 * raced with a structural commit fails validation instead of returning a torn order.
 */
final class DictOrder {
    private static final Comparator<DictSlot> BY_STAMP = (a, b) -> Long.compare(a.stamp, b.stamp);

    private final ConcurrentSkipListSet<DictSlot> byStamp = new ConcurrentSkipListSet<>(BY_STAMP);
    private final AtomicLong stamps = new AtomicLong(1);
    /** Present keys as last committed; approximate while commits are in flight. Drives reclamation. */
    private final AtomicLong live = new AtomicLong();

    /** Reserves {@code n} consecutive stamps; returns the first. */
    long reserveStamps(int n) {
        return stamps.getAndAdd(n);
    }

    /** Enters a freshly stamped slot. */
    void add(DictSlot stamped) {
        byStamp.add(stamped);
    }

    /** Removes the node of {@code slot}'s stamp (no-op if absent). */
    void remove(DictSlot slot) {
        byStamp.remove(slot);
    }

    void adjustLive(long delta) {
        live.addAndGet(delta);
    }

    long liveEstimate() {
        return live.get();
    }

    /** Committed nodes, oldest first (weakly consistent: see the class comment). */
    Iterator<DictSlot> oldestFirst() {
        return byStamp.iterator();
    }

    /** Committed nodes, newest first. */
    Iterator<DictSlot> newestFirst() {
        return byStamp.descendingIterator();
    }

    /** Fills a new, still private dict with slots already stamped 1..n. */
    void initialize(DictSlot[] slots, int n) {
        for (int i = 0; i < n; i++) {
            byStamp.add(slots[i]);
        }
        stamps.set(n + 1L);
        live.set(n);
    }
}
