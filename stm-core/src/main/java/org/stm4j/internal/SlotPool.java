package org.stm4j.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A pool of up to 63 small integers (1..63) handed to threads, kept as a bitmap in one word.
 * Used twice: for version slots ({@link VersionClock.LazyClock}) and for visible-reader slots
 * ({@link VisibleReads}). Acquire and release are lock-free; acquiring returns 0 when the pool is
 * exhausted, and the caller then works without a slot.
 */
final class SlotPool {
    private final AtomicLong inUse = new AtomicLong(1L); // bit 0 is never handed out
    private final long usable;

    /** A pool of slots 1..{@code maxSlot}. */
    SlotPool(int maxSlot) {
        this.usable = maxSlot == 63 ? -1L : (1L << (maxSlot + 1)) - 1;
    }

    /** A free slot, or 0 if none is free. */
    int acquire() {
        for (;;) {
            long used = inUse.get();
            long free = ~used & usable;
            if (free == 0) {
                return 0;
            }
            long bit = Long.lowestOneBit(free);
            if (inUse.compareAndSet(used, used | bit)) {
                return Long.numberOfTrailingZeros(bit);
            }
        }
    }

    /** Returns a slot to the pool; 0 is ignored. */
    void release(int slot) {
        if (slot != 0) {
            long bit = 1L << slot;
            inUse.getAndUpdate(u -> u & ~bit);
        }
    }
}
