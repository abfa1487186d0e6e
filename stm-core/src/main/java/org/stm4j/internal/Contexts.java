package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Finds the calling thread's {@link Transaction} context: the lookup every {@code atomic} and every
 * {@code TVar} access starts with, so it must cost a few loads, not a {@link ThreadLocal} probe.
 *
 * <h2>Algorithm</h2>
 * The authoritative mapping is a {@code ThreadLocal} ({@link #OWNED}): it creates a thread's context
 * on first use and lets it die with the thread. In front of it sits a direct-mapped cache,
 * {@link #TABLE}, indexed by the low bits of the thread id; an entry is used only if its context's
 * {@link Transaction#thread} is the calling thread. The fast path is therefore: current thread,
 * its id, one array load, one field load and a compare ({@code ThreadLocal.get} on JDK 17 adds
 * the map, its table, a weak-reference check and the value load, about 4 ns per lookup here).
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>An entry never answers for the wrong thread.</b> {@code thread} is a final field set in
 *       the context's constructor, which runs on its thread; so even a racy (plain) read of an
 *       entry another thread just stored sees that thread, and the identity compare rejects it.
 *       An entry that passes the compare was created by the caller, so all its fields are the
 *       caller's own writes.</li>
 *   <li><b>A live thread's entry is replaced only by the slow path's CAS</b> over an empty entry or
 *       one whose thread is no longer alive. Two live threads whose ids collide do not evict each
 *       other (no ping-pong on the line): the later one simply keeps using the {@code ThreadLocal}.</li>
 *   <li><b>Dead threads are not kept alive for long.</b> The table holds contexts strongly (a weak
 *       reference would put a {@code Reference.get} back on the fast path), so a dead thread's
 *       context, and its version slot and counters, stay reachable until its entry is cleared. Each
 *       context creation sweeps {@value #SWEEP} entries round-robin and clears those of dead
 *       threads, so the table is swept completely every {@code SIZE / SWEEP} creations: at most
 *       {@value #SIZE} dead contexts are ever retained, and only while threads keep being created.</li>
 * </ul>
 */
final class Contexts {
    private static final int SIZE = 4096;
    private static final int MASK = SIZE - 1;
    private static final int SWEEP = 16;
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(Transaction[].class);

    private static final Transaction[] TABLE = new Transaction[SIZE];
    private static final ThreadLocal<Transaction> OWNED = ThreadLocal.withInitial(Contexts::create);
    /** The next entry to sweep; racy increments only make sweeps overlap or skip, both harmless. */
    private static int sweepCursor;

    private Contexts() {
    }

    /** The calling thread's context. */
    static Transaction current() {
        Thread t = Thread.currentThread();
        Transaction tx = TABLE[index(t)];
        if (tx != null && tx.thread == t) {
            return tx;
        }
        return miss(t);
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static int index(Thread t) {
        return (int) t.getId() & MASK;
    }

    private static Transaction miss(Thread t) {
        Transaction tx = OWNED.get();
        int i = index(t);
        Transaction there = (Transaction) ENTRY.getVolatile(TABLE, i);
        if (there == null || !there.thread.isAlive()) {
            ENTRY.compareAndSet(TABLE, i, there, tx);
        }
        return tx;
    }

    private static Transaction create() {
        sweep();
        return new Transaction();
    }

    private static void sweep() {
        int from = sweepCursor;
        sweepCursor = from + SWEEP;
        for (int k = 0; k < SWEEP; k++) {
            int i = (from + k) & MASK;
            Transaction there = (Transaction) ENTRY.getVolatile(TABLE, i);
            if (there != null && !there.thread.isAlive()) {
                ENTRY.compareAndSet(TABLE, i, there, null);
            }
        }
    }
}
