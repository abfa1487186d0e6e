package org.stm4j.jmh.collections;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock of one collection in the {@code perObjectLock} model (the other models ignore it). Its
 * {@link #rank}, unique and fixed at creation, is the global order in which an operation on two
 * collections takes their locks, so that {@code a.update(b)} and {@code b.update(a)} running at
 * once cannot deadlock.
 */
public final class RankedLock extends ReentrantLock {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong NEXT_RANK = new AtomicLong();

    /** Locks are taken in increasing rank. */
    public final long rank = NEXT_RANK.getAndIncrement();
}
