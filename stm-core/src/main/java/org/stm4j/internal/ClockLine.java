package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** Padding before the hot words, so that no other object's fields share their cache line. */
abstract class ClockLinePadBefore {
    long p00, p01, p02, p03, p04, p05, p06, p07;
    long p10, p11, p12, p13, p14, p15, p16, p17;
}

/** The hot words themselves. */
abstract class ClockLineWords extends ClockLinePadBefore {
    volatile long clock;
    volatile long irrevocableOwner;
    volatile int visibleReaders;
}

/**
 * The one cache line every update commit reads: the global version clock, the irrevocability token
 * and the count of transactions that currently publish visible reads. Keeping the last two beside
 * the clock means an update commit learns "nobody is irrevocable or prioritized" from the line it
 * loads anyway. The line is padded on both sides (inheritance padding, as in JCTools, since
 * {@code @Contended} is not available to libraries on JDK 17).
 *
 * <p>Writes to the line are what make threads contend, so they are rare by design: the clock
 * moves only when {@link VersionClock} must move it, the token only when a transaction becomes
 * irrevocable, the reader count only when a transaction escalates to priority.
 */
final class ClockLine extends ClockLineWords {
    long p20, p21, p22, p23, p24, p25, p26, p27;
    long p30, p31, p32, p33, p34, p35, p36, p37;

    static final ClockLine INSTANCE = new ClockLine();

    private static final VarHandle CLOCK;
    private static final VarHandle OWNER;
    private static final VarHandle VISIBLE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CLOCK = l.findVarHandle(ClockLineWords.class, "clock", long.class);
            OWNER = l.findVarHandle(ClockLineWords.class, "irrevocableOwner", long.class);
            VISIBLE = l.findVarHandle(ClockLineWords.class, "visibleReaders", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ClockLine() {
    }

    boolean casClock(long expected, long next) {
        return CLOCK.compareAndSet(this, expected, next);
    }

    boolean tryTakeToken(long ownerId) {
        return irrevocableOwner == 0 && OWNER.compareAndSet(this, 0L, ownerId);
    }

    void releaseToken(long ownerId) {
        OWNER.compareAndSet(this, ownerId, 0L);
    }

    void addVisibleReader(int delta) {
        VISIBLE.getAndAdd(this, delta);
    }
}
