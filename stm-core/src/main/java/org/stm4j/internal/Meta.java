package org.stm4j.internal;

/**
 * The layout of a TVar's metadata word (one {@code long}, read and CAS'd through {@link Cells#META}).
 *
 * <pre>
 *  unlocked:  [ counter : 48 | slot : 6 | seq : 8 | WAITERS : 1 | 0 ]
 *  locked:    [ owner transaction id : 62           | 0 | LOCKED=1 ]
 * </pre>
 *
 * <ul>
 *   <li>{@code counter} is the global clock value the writing commit was ordered at (see
 *       {@link VersionClock}); a transaction whose read version is {@code rv} may use a value whose
 *       counter is {@code <= rv}.</li>
 *   <li>{@code slot} is the committing thread's version slot (1..63, or 0 for none) and {@code seq}
 *       that thread's commit sequence within one counter value. Together the three fields make
 *       every commit's version unique, so "the word is unchanged" means "nobody wrote": no ABA.</li>
 *   <li>{@code WAITERS} says some transaction blocked in {@code retry} waits for this TVar to change;
 *       the committer that replaces such a word wakes it. Validation ignores this bit.</li>
 *   <li>While locked by a committer, the word holds the owner's id; the committer keeps the old word
 *       in its write log and installs a fresh version (WAITERS cleared) when it releases.</li>
 * </ul>
 */
public final class Meta {
    /** Set while a committer owns the TVar. */
    public static final long LOCKED = 1L;
    /** Set while a transaction waits in {@code retry} for the TVar to change. */
    public static final long WAITERS = 2L;

    static final int SEQ_SHIFT = 2;
    static final int SEQ_BITS = 8;
    static final int SLOT_SHIFT = SEQ_SHIFT + SEQ_BITS;
    static final int SLOT_BITS = 6;
    static final int COUNTER_SHIFT = SLOT_SHIFT + SLOT_BITS;
    /** The largest sequence number within one counter value. */
    static final int MAX_SEQ = (1 << SEQ_BITS) - 1;
    /** Version slots are 1..MAX_SLOT; 0 means "no slot". */
    static final int MAX_SLOT = (1 << SLOT_BITS) - 1;
    /** The largest counter value a version can carry (2^48 - 1). */
    static final long MAX_COUNTER = (1L << (64 - COUNTER_SHIFT)) - 1;

    /** The word of a TVar that has never been written since construction. */
    public static final long INITIAL = 0L;

    private Meta() {
    }

    static boolean isLocked(long meta) {
        return (meta & LOCKED) != 0;
    }

    static long lockedBy(long ownerId) {
        return (ownerId << 2) | LOCKED;
    }

    static long owner(long lockedMeta) {
        return lockedMeta >>> 2;
    }

    static long counter(long meta) {
        return meta >>> COUNTER_SHIFT;
    }

    static int slot(long meta) {
        return (int) (meta >>> SLOT_SHIFT) & MAX_SLOT;
    }

    /** The word without the WAITERS bit: what validation compares. */
    static long stable(long meta) {
        return meta & ~WAITERS;
    }

    static long version(long counter, int slot, int seq) {
        return (counter << COUNTER_SHIFT) | ((long) slot << SLOT_SHIFT) | ((long) seq << SEQ_SHIFT);
    }
}
