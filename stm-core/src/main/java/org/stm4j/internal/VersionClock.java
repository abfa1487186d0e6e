package org.stm4j.internal;

/**
 * The global version clock: where read versions come from and how update commits are ordered.
 *
 * <p><b>The invariant every implementation keeps.</b> A commit takes its version only after it has
 * locked its whole write set, and the clock reaches (or passes) that version's counter only after
 * that moment. Hence a transaction that began by reading clock value {@code rv} and then meets a
 * version with counter {@code <= rv} knows the writing commit had locked everything before the
 * transaction began: every other TVar of that commit is either still locked or already shows the
 * commit's value. This is what makes a validated read set a consistent snapshot (see
 * {@link TxnContext}).
 *
 * <p>The implementation is chosen once per JVM by the system property {@code stm4j.clock}
 * ({@code lazy}, the default, or {@code gv4}), so the call sites stay monomorphic.
 */
abstract class VersionClock {

    /** The clock chosen for this JVM. */
    static final VersionClock CLOCK = "gv4".equalsIgnoreCase(System.getProperty("stm4j.clock", "lazy"))
            ? new Gv4Clock() : new LazyClock();

    final ClockLine line = ClockLine.INSTANCE;

    /** The version slots of {@link LazyClock}: one per context, for the life of the process. */
    private static final SlotPool VERSION_SLOTS = new SlotPool(Meta.MAX_SLOT);

    /**
     * One context's place on the clock: its version slot (0 if none) and the version it committed
     * with last. Only the clock writes it, and only on the thread the context is bound to (the
     * cursor moves to a new thread with its context, which orders the last thread's writes before
     * the new owner's reads, see {@link Contexts}). Kept apart from the context so that the clock's
     * bookkeeping is the clock's: the context only hands it back at each update commit.
     */
    static final class Cursor {
        /** The version slot, or 0: commits then take a fresh counter as in GV4. */
        final int slot;
        long lastCounter;
        int lastSeq;

        Cursor(int slot) {
            this.slot = slot;
        }
    }

    /**
     * A cursor for a new context, with a version slot if this clock uses them and one is free
     * (there are {@value Meta#MAX_SLOT}). A slot is never given back — contexts are never discarded,
     * a terminated thread's context goes to a new thread with its cursor ({@link Contexts}) — so no
     * version carrying the slot was ever made before, and no clock advance is needed here.
     */
    final Cursor newCursor() {
        return new Cursor(usesSlots() ? VERSION_SLOTS.acquire() : 0);
    }

    /** The read version of a transaction that begins now. */
    final long readVersion() {
        return line.clock;
    }

    /**
     * Makes sure the clock is at least {@code counter} (a reader met a version that new).
     *
     * @return the clock afterwards, {@code >= counter}
     */
    final long advanceTo(long counter) {
        for (;;) {
            long now = line.clock;
            if (now >= counter) {
                return now;
            }
            if (line.casClock(now, counter)) {
                return counter;
            }
        }
    }

    /** The clock value after one increment by this caller, or a concurrent one it may borrow (GV4). */
    final long tick() {
        long now = line.clock;
        checkRange(now);
        if (line.casClock(now, now + 1)) {
            return now + 1;
        }
        return line.clock;
    }

    /** Whether threads get version slots (the self-read rule of {@link LazyClock}). */
    abstract boolean usesSlots();

    /**
     * The version word for an update commit by the context whose cursor is {@code c} and whose write
     * set is locked. May advance the clock; updates the cursor.
     */
    abstract long commitVersion(Cursor c);

    static void checkRange(long counter) {
        if (counter >= Meta.MAX_COUNTER) {
            throw new IllegalStateException("stm4j version clock exhausted (2^48 clock advances)");
        }
    }

    /**
     * TL2's GV4: every update commit advances the clock by one CAS; a loser of the CAS borrows the
     * winner's value. Simple, but two threads committing disjoint updates bounce the clock's cache
     * line on every commit. Kept for comparison ({@code -Dstm4j.clock=gv4}).
     */
    static final class Gv4Clock extends VersionClock {
        @Override
        boolean usesSlots() {
            return false;
        }

        @Override
        long commitVersion(Cursor c) {
            return Meta.version(tick(), 0, 0);
        }
    }

    /**
     * The default: commits do not advance the clock. A commit by a thread that owns a version slot
     * {@code s} uses counter {@code clock + 1} (read after locking) with its slot and a per-thread
     * sequence number, so versions stay unique without a shared write; TL2's GV5, made unique.
     *
     * <p>A reader that meets a counter beyond its read version advances the clock to it (one CAS)
     * and extends its snapshot; this is where the shared write went. Two refinements keep that
     * rare where threads do not really share data:
     * <ul>
     *   <li><b>Own writes.</b> A transaction may use, without advancing anything, a version carrying
     *       its own thread's slot: such a commit finished before this transaction began, its counter
     *       is at most {@code rv + 1}, and any commit it conflicted with is ordered before it (a
     *       commit that overwrote one of its TVars, or read a TVar it wrote, would carry a counter
     *       beyond {@code rv + 1}). So the snapshot "counters {@code <= rv} plus my own commits"
     *       is consistent. A thread re-reading what it wrote last therefore never touches the clock.</li>
     *   <li><b>Sequence exhaustion.</b> After {@code 2^8} commits by one thread at the same counter
     *       the thread advances the clock itself, so its next versions get a larger counter.</li>
     * </ul>
     * Contexts without a slot (more than 63 of them) commit as in GV4. A slot stays with its context
     * for good, also when the context moves from a terminated thread to a new one ({@link Contexts}):
     * the new thread continues the old one's sequence, so its versions stay unique.
     */
    static final class LazyClock extends VersionClock {
        @Override
        boolean usesSlots() {
            return true;
        }

        @Override
        long commitVersion(Cursor c) {
            int slot = c.slot;
            if (slot == 0) {
                return Meta.version(tick(), 0, 0);
            }
            long counter = line.clock + 1;
            int seq = 0;
            if (counter == c.lastCounter) {
                seq = c.lastSeq + 1;
                if (seq > Meta.MAX_SEQ) {
                    counter = advanceTo(counter) + 1;
                    seq = 0;
                }
            }
            checkRange(counter);
            c.lastCounter = counter;
            c.lastSeq = seq;
            return Meta.version(counter, slot, seq);
        }
    }
}
