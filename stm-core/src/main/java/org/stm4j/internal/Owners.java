package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finds a transaction context by its id, so that a contention manager and the conflict report can
 * see the committer that holds a lock (a locked metadata word carries only the owner's id, see
 * {@link Meta}) or that owns a version slot.
 *
 * <p>Exact, because contexts are never discarded (a terminated thread's context is taken over by a
 * new thread, a context lent for a block goes back to a pool, see {@link Contexts}) and ids are
 * handed out densely from 1: the context with id {@code n} sits at index {@code n} of a two-level
 * array (chunks of {@value #CHUNK}). Registering happens once per context, when it is created, under
 * a lock; a lookup is two acquiring loads and never allocates. Ids no context has (0, the fake owners
 * of tests) answer {@code null} ("owner unknown"). The array grows with the number of contexts, which
 * is the most threads (or blocks, for threads that borrow one) that ever used the STM at once.
 */
final class Owners {
    private static final int CHUNK = 1024;
    private static final int SHIFT = 10;
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(TxnContext[].class);
    private static final ReentrantLock GROW = new ReentrantLock();

    /** Chunk {@code c} holds ids {@code c * CHUNK .. c * CHUNK + CHUNK - 1}; replaced (grown) under {@link #GROW}. */
    private static volatile TxnContext[][] chunks = new TxnContext[4][];

    private Owners() {
    }

    /** Makes a new context findable by its id (once, from its constructor). */
    static void register(TxnContext tx) {
        long id = tx.id();
        int c = (int) (id >>> SHIFT);
        GROW.lock();
        try {
            TxnContext[][] cs = chunks;
            if (c >= cs.length) {
                cs = Arrays.copyOf(cs, Math.max(c + 1, cs.length * 2));
            }
            if (cs[c] == null) {
                cs[c] = new TxnContext[CHUNK];
            }
            ENTRY.setRelease(cs[c], (int) (id & (CHUNK - 1)), tx);
            chunks = cs; // publishes a grown array (its chunks were filled before)
        } finally {
            GROW.unlock();
        }
    }

    /** The context with this id, or {@code null} if there is none. */
    static TxnContext find(long id) {
        TxnContext[][] cs = chunks;
        long c = id >>> SHIFT;
        if (c >= cs.length) {
            return null;
        }
        TxnContext[] chunk = cs[(int) c];
        return chunk == null ? null : (TxnContext) ENTRY.getAcquire(chunk, (int) (id & (CHUNK - 1)));
    }
}
