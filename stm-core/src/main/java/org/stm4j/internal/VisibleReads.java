package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.stm4j.spi.TxnView;

/**
 * Visible reads for prioritized and irrevocable transactions (after Spear, Dalessandro, Marathe
 * and Scott, PPoPP 2009): a side table of reader bitmaps, so ordinary transactions pay nothing.
 *
 * <p>A transaction in priority mode owns a reader slot {@code r} (1..62; slot 63 is reserved for
 * the irrevocable transaction) with a priority. Before reading a TVar it sets bit {@code r} in the
 * TVar's stripe (stripes are chosen by identity hash, so unrelated TVars may share one: that can
 * only cause a spurious yield, never a missed one). An update committer, after locking its write
 * set, checks {@link ClockLine#visibleReaders}; only when it is non-zero does it look at the
 * stripes of the TVars it writes and yield to a higher-priority reader.
 *
 * <p><b>Why no reader is missed.</b> The reader sets its bit (a volatile read-modify-write) and
 * then reads the TVar's metadata; the committer CASes the TVar's lock and then reads the stripe.
 * All four are synchronization actions, so in their total order either the committer sees the bit,
 * or the reader sees the lock (and waits for the commit to finish, reading its result).
 * The {@code visibleReaders} count is raised before the first bit is set, with the same argument.
 */
final class VisibleReads {
    static final int IRREVOCABLE_SLOT = 63;
    private static final int STRIPES = 4096;
    private static final VarHandle STRIPE = MethodHandles.arrayElementVarHandle(long[].class);

    private static final long[] stripes = new long[STRIPES];
    private static final AtomicIntegerArray priorities = new AtomicIntegerArray(64);
    /** Who holds each slot, for contention managers that compare with the reader. */
    private static final AtomicReferenceArray<TxnView> owners = new AtomicReferenceArray<>(64);
    private static final SlotPool slots = new SlotPool(62);
    private static final ClockLine line = ClockLine.INSTANCE;

    private VisibleReads() {
    }

    /** A reader slot with this priority, held by {@code owner}, or 0 if all are taken. */
    static int acquire(int priority, TxnView owner) {
        int slot = slots.acquire();
        if (slot != 0) {
            priorities.set(slot, priority);
            owners.set(slot, owner);
            line.addVisibleReader(1);
        }
        return slot;
    }

    /** Registers the irrevocable transaction (which owns the token) as the top-priority reader. */
    static void acquireIrrevocable(TxnView owner) {
        priorities.set(IRREVOCABLE_SLOT, Integer.MAX_VALUE);
        owners.set(IRREVOCABLE_SLOT, owner);
        line.addVisibleReader(1);
    }

    /** Gives the slot back; its bits must have been cleared. */
    static void release(int slot) {
        owners.set(slot, null);
        line.addVisibleReader(-1);
        if (slot != IRREVOCABLE_SLOT) {
            slots.release(slot);
        }
    }

    static boolean anyActive() {
        return line.visibleReaders != 0;
    }

    private static int stripe(Object tvar) {
        int h = System.identityHashCode(tvar);
        return (h ^ (h >>> 12)) & (STRIPES - 1);
    }

    /** Marks {@code tvar} as read by {@code slot}; call before reading the TVar's metadata. */
    static void mark(Object tvar, int slot) {
        STRIPE.getAndBitwiseOr(stripes, stripe(tvar), 1L << slot);
    }

    /** Removes the mark of {@code slot} on {@code tvar}'s stripe. */
    static void unmark(Object tvar, int slot) {
        STRIPE.getAndBitwiseAnd(stripes, stripe(tvar), ~(1L << slot));
    }

    /** The reader slots (other than {@code self}) that marked {@code tvar}'s stripe. */
    static long readersOf(Object tvar, int self) {
        long bits = (long) STRIPE.getVolatile(stripes, stripe(tvar));
        return self == 0 ? bits : bits & ~(1L << self);
    }

    static int priorityOf(int slot) {
        return priorities.get(slot);
    }

    /** The transaction holding {@code slot}, or {@code null} if it released it meanwhile. */
    static TxnView ownerOf(int slot) {
        return owners.get(slot);
    }
}
