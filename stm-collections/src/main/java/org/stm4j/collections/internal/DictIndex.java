package org.stm4j.collections.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.access.Txn;

/**
 * Transactional predication (Bronson et al., 2010): a non-transactional concurrent index from
 * key to the key's <em>predicate</em>, a TVar holding a {@link DictSlot} while the key is present
 * and {@link DictSlot#ABSENT} or {@link DictSlot#UNBORN} otherwise. Transactions that touch
 * different keys touch different TVars, so they do not conflict; the index itself is never part of
 * a read set.
 *
 * <p>Invariants: a key maps to at most one predicate at a time; a predicate leaves the index only
 * after a transaction has changed it from absent ({@code ABSENT} or {@code UNBORN}) to
 * {@link DictSlot#RETIRED}, a state it never leaves. Any transaction that read or wrote the
 * predicate before that therefore fails validation and re-runs, and one that reads {@code RETIRED}
 * drops the predicate ({@link #forget}) and looks the key up again. So a lookup of a missing key
 * may create a predicate (it must read one, or a concurrent insert of that key would be a phantom),
 * and creating predicates is safe even in attempts that abort.
 *
 * <p><b>New predicates and the horizon.</b> A new predicate holds {@code UNBORN} at the TVar's
 * initial version, which every snapshot accepts without validation. That is only sound if the key
 * is absent in every snapshot that can still read it; but a key whose previous predicate was
 * reclaimed may have been present in an old snapshot (present, then deleted, then retired, all
 * after the snapshot was taken). So the index keeps a <em>horizon</em>: a TVar, never written,
 * whose version (a fresh clock tick, {@link Txn#stampFresh}) is newer than the retirement
 * of every committed-absent predicate that has left the index. It is replaced by a newer one
 * ({@link #advanceHorizon}) after such retirements and before the retired predicates are unlinked.
 * A transaction that reads {@code UNBORN} also reads the current horizon ({@link #readHorizon}):
 * if the horizon is newer than its snapshot it extends once, which validates that every key it
 * read is still as it read it after the retirements; from then on its reads of the horizon and of
 * any number of new predicates extend nothing. (The previous scheme stamped every predicate created
 * after a sweep with a fresh tick, so each lookup of a new key extended the snapshot and revalidated
 * the whole read set: n lookups in one transaction cost O(n^2).) Retiring an {@code UNBORN}
 * predicate needs no new horizon: the key was absent throughout that predicate's life.
 *
 * <p>Reclamation: predicates of absent keys (deleted keys, keys only looked up, keys whose insert
 * aborted) are retired by a sweep, run after the commit <em>or abort</em> of a transaction that
 * created predicates once the index holds more than twice the live keys plus a slack. The sweep is
 * amortized O(1) per created predicate, so a dict that churns through many distinct keys stays
 * proportional to its live size, and the predicates of an aborted attempt (e.g. a block that
 * inserted a million keys and threw) are reclaimed when it rolls back, not by some later commit.
 */
final class DictIndex {
    private static final Object NULL_KEY = new Object();
    private static final int SLACK = 256;

    private final ConcurrentHashMap<Object, TVar<Object>> predicates;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    /** Set every {@value #SLACK} creations; taken by {@link #takeSweepDue}. A benign race. */
    private volatile boolean sweepDue;
    /**
     * Null until a committed-absent predicate is first retired; then a TVar (never written) whose
     * version is newer than every such retirement whose predicate may have left the index. Replaced
     * only under this index's monitor, so a later horizon never carries an older version.
     */
    private volatile TVar<Object> horizon;

    DictIndex(int expected) {
        predicates = new ConcurrentHashMap<>(Math.max(16, expected));
    }

    private static Object wrap(Object key) {
        return key == null ? NULL_KEY : key;
    }

    /** Whether {@code v} is the current horizon (for descriptions). */
    boolean isHorizon(TVar<?> v) {
        return v != null && v == horizon;
    }

    /**
     * The key whose predicate is {@code v}, as a one-element array (the key may be null), or null if
     * {@code v} is not one of this index's predicates. Linear: for descriptions only.
     */
    Object[] keyOf(TVar<?> v) {
        for (Map.Entry<Object, TVar<Object>> e : predicates.entrySet()) {
            if (e.getValue() == v) {
                Object k = e.getKey();
                return new Object[] {k == NULL_KEY ? null : k};
            }
        }
        return null;
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
            // UNBORN at the initial version: its readers also read the horizon (class comment)
            TVar<Object> fresh = new TVar<>(DictSlot.UNBORN);
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

    /**
     * For a transaction that read {@link DictSlot#UNBORN}: reads the current horizon, so that its
     * snapshot is at least as new as every retirement of a predicate the key may have had. Extends
     * the snapshot at most once per horizon (the horizon is never written).
     */
    void readHorizon(Txn tx) {
        TVar<Object> h = horizon;
        if (h != null) {
            tx.read(h);
        }
    }

    /**
     * Publishes a new horizon, newer than every retirement that has committed before this call. Runs
     * after retirements and before their predicates are unlinked; not on any hot path.
     */
    private synchronized void advanceHorizon() {
        TVar<Object> h = new TVar<>(null);
        Txn.stampFresh(h);
        horizon = h;
    }

    /**
     * Drops a predicate that was read as {@code RETIRED}. The reader's snapshot has seen that
     * retirement, but others may not have: the horizon is advanced before the predicate is unlinked.
     */
    void forget(Object key, TVar<Object> retired) {
        Object k = wrap(key);
        if (predicates.get(k) == retired) {
            advanceHorizon();
            predicates.remove(k, retired);
        }
    }

    /** Number of predicates in the index (live and not yet reclaimed). */
    int predicateCount() {
        return predicates.size();
    }

    /**
     * Retires and unlinks every predicate found absent, if the index is oversized (or {@code force}).
     * Runs outside any transaction; one sweep at a time per dict (a concurrent call returns at once).
     * Three steps: retire every absent predicate (one small transaction each); if any of them held a
     * committed {@code ABSENT}, advance the horizon; only then unlink the retired ones.
     */
    void sweep(long liveEstimate, boolean force) {
        if ((!force && !wantsSweep(liveEstimate)) || !sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            boolean committedAbsent = false;
            int retired = 0;
            for (TVar<Object> p : predicates.values()) {
                Object x = p.get();
                if (x == DictSlot.ABSENT || x == DictSlot.UNBORN) {
                    Object was = retire(p);
                    if (was != null) {
                        retired++;
                        committedAbsent |= was == DictSlot.ABSENT;
                    }
                }
            }
            if (retired == 0) {
                return;
            }
            if (committedAbsent) {
                advanceHorizon();
            }
            for (Map.Entry<Object, TVar<Object>> e : predicates.entrySet()) {
                TVar<Object> p = e.getValue();
                if (p.get() == DictSlot.RETIRED) {
                    predicates.remove(e.getKey(), p);
                }
            }
        } finally {
            sweeping.set(false);
        }
    }

    /** Retires {@code p} if it is absent; returns the absent marker it replaced, or null. */
    private static Object retire(TVar<Object> p) {
        return Stm.atomic(() -> {
            Object x = p.get();
            if (x != DictSlot.ABSENT && x != DictSlot.UNBORN) {
                return null;
            }
            p.set(DictSlot.RETIRED);
            return x;
        });
    }
}
