package org.stm4j.collections.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.internal.Transaction;

/**
 * Transactional predication (Bronson et al., 2010): a non-transactional concurrent index from
 * key to the key's <em>predicate</em>, a TVar holding a {@link DictSlot} while the key is present
 * and {@link DictSlot#ABSENT} otherwise. Transactions that touch different keys touch different
 * TVars, so they do not conflict; the index itself is never part of a read set.
 *
 * <p>Invariants: a key maps to at most one predicate at a time; a predicate leaves the index only
 * after a transaction has changed it from {@code ABSENT} to {@link DictSlot#RETIRED}, a state it
 * never leaves. Any transaction that read or wrote the predicate before that therefore fails
 * validation and re-runs, and one that reads {@code RETIRED} drops the predicate
 * ({@link #forget}) and looks the key up again. So a lookup of a missing key may create a
 * predicate (it must read one, or a concurrent insert of that key would be a phantom), and
 * creating predicates is safe even in attempts that abort.
 *
 * <p>Reclamation: predicates of absent keys (deleted keys, keys only looked up) are retired by a
 * sweep, run after the commit of a transaction that created predicates once the index holds more
 * than twice the live keys plus a slack. The sweep is amortized O(1) per created predicate, so a
 * dict that churns through many distinct keys stays proportional to its live size.
 */
final class DictIndex {
    private static final Object NULL_KEY = new Object();
    private static final int SLACK = 256;

    private final ConcurrentHashMap<Object, TVar<Object>> predicates;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** Set every {@value #SLACK} creations; taken by {@link #takeSweepDue}. A benign race. */
    private volatile boolean sweepDue;
    /** Whether a sweep has ever run (from then on, new predicates get a fresh version). */
    private volatile boolean swept;

    DictIndex(int expected) {
        predicates = new ConcurrentHashMap<>(Math.max(16, expected));
    }

    private static Object wrap(Object key) {
        return key == null ? NULL_KEY : key;
    }

    /** The key's predicate, or null if it has none (then the key is absent). */
    TVar<Object> find(Object key) {
        return predicates.get(wrap(key));
    }

    /** The key's predicate, created (holding {@code ABSENT}) if it has none. */
    TVar<Object> obtain(Object key) {
        Object k = wrap(key);
        TVar<Object> p = predicates.get(k);
        if (p == null) {
            TVar<Object> fresh = new TVar<>(DictSlot.ABSENT);
            if (swept) {
                // The key may have had a predicate that a sweep retired: a snapshot older than that
                // retirement must not accept this one's "absent" unvalidated.
                Transaction.stampFresh(fresh);
            }
            p = predicates.putIfAbsent(k, fresh);
            if (p == null) {
                p = fresh;
                if ((created.incrementAndGet() & (SLACK - 1)) == 0) {
                    sweepDue = true;
                }
            }
        }
        return p;
    }

    /** Adds a predicate for a key of a new, still private dict. */
    void load(Object key, TVar<Object> predicate) {
        predicates.put(wrap(key), predicate);
    }

    /**
     * Whether a sweep should be scheduled now: true at most once per {@value #SLACK} predicates
     * created, and only when the index holds more than twice the live keys plus the slack.
     */
    boolean sweepDue() {
        return sweepDue;
    }

    /** Clears the due flag; true if the index is oversized for {@code liveEstimate} live keys. */
    boolean takeSweepDue(long liveEstimate) {
        if (!sweepDue) {
            return false;
        }
        sweepDue = false;
        return wantsSweep(liveEstimate);
    }

    private boolean wantsSweep(long liveEstimate) {
        return predicates.size() > 2 * Math.max(0, liveEstimate) + SLACK;
    }

    /** Drops a predicate that was read as {@code RETIRED}. */
    void forget(Object key, TVar<Object> retired) {
        predicates.remove(wrap(key), retired);
    }

    /** Number of predicates in the index (live and not yet reclaimed). */
    int predicateCount() {
        return predicates.size();
    }

    /**
     * Retires and unlinks every predicate found absent, if the index is oversized (or {@code force}).
     * Runs outside any transaction; one sweep at a time per dict (a concurrent call returns at once).
     */
    void sweep(long liveEstimate, boolean force) {
        if ((!force && !wantsSweep(liveEstimate)) || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            swept = true;
            for (Map.Entry<Object, TVar<Object>> e : predicates.entrySet()) {
                TVar<Object> p = e.getValue();
                if (p.get() == DictSlot.ABSENT && retire(p)) {
                    predicates.remove(e.getKey(), p);
                }
            }
        } finally {
            sweeping.set(false);
        }
    }

    private static boolean retire(TVar<Object> p) {
        return Stm.atomic(() -> {
            if (p.get() != DictSlot.ABSENT) {
                return false;
            }
            p.set(DictSlot.RETIRED);
            return true;
        });
    }
}
