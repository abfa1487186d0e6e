package org.stm4j.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.stm4j.RetryInterruptedException;
import org.stm4j.TVar;
import org.stm4j.TransactionTimeoutException;

/**
 * Where transactions blocked in {@code Stm.retry()} wait, and how committers wake them.
 *
 * <p>Protocol (no lost wake-ups): the waiter first adds its {@link Node} to the bucket of every TVar
 * it read, <em>then</em> sets {@link Meta#WAITERS} on each TVar by a CAS that only succeeds if the
 * word still holds the version it read (else it re-runs at once). A committer locks a TVar by a CAS
 * on the same word, so it either sees the WAITERS bit (and, after write-back, wakes the bucket,
 * which holds the node) or made the waiter's CAS fail. Buckets are chosen by identity hash; a shared
 * bucket only causes a spurious wake-up, after which the waiter re-runs and, if nothing it read
 * changed, waits again. Waiting parks the thread ({@link LockSupport}), so virtual threads unmount.
 */
final class Waiters {
    private static final int BUCKETS = 256;

    private static final List<Set<Node>> buckets = new ArrayList<>(BUCKETS);

    static {
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(ConcurrentHashMap.newKeySet());
        }
    }

    private Waiters() {
    }

    /** One waiting transaction. */
    static final class Node {
        final Thread thread = Thread.currentThread();
        volatile boolean woken;
    }

    private static Set<Node> bucket(Object tvar) {
        int h = System.identityHashCode(tvar);
        return buckets.get((h ^ (h >>> 8)) & (BUCKETS - 1));
    }

    static void register(Object tvar, Node node) {
        bucket(tvar).add(node);
    }

    static void unregister(Object tvar, Node node) {
        bucket(tvar).remove(node);
    }

    /** Wakes every waiter of {@code tvar}'s bucket. */
    static void wake(Object tvar) {
        for (Node n : bucket(tvar)) {
            if (!n.woken) {
                n.woken = true;
                LockSupport.unpark(n.thread);
            }
        }
    }

    /**
     * Sets {@link Meta#WAITERS} on {@code v} if its word still holds the version {@code seen};
     * false if {@code v} has changed (or is being committed), so the waiter must re-run at once.
     */
    static boolean markWaiting(TVar<?> v, long seen) {
        for (;;) {
            long now = (long) Cells.META.getVolatile(v);
            if (Meta.stable(now) != Meta.stable(seen)) {
                return false;
            }
            if ((now & Meta.WAITERS) != 0 || Cells.META.compareAndSet(v, now, now | Meta.WAITERS)) {
                return true;
            }
        }
    }

    /**
     * Parks until {@code node} is woken.
     *
     * @param deadline a {@link System#nanoTime()} deadline, or 0 for none
     * @throws RetryInterruptedException   if the thread is interrupted (its interrupt status is kept)
     * @throws TransactionTimeoutException if the deadline passes
     */
    static void park(Node node, long deadline, Object blocker) {
        while (!node.woken) {
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new RetryInterruptedException("interrupted while waiting in Stm.retry()");
            }
            if (deadline != 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TransactionTimeoutException("atomic block timed out waiting in Stm.retry()");
                }
                LockSupport.parkNanos(blocker, left);
            } else {
                LockSupport.park(blocker);
            }
        }
    }
}
