package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Finds the calling thread's {@link Transaction} context: the lookup every {@code atomic} and every
 * {@code TVar} access starts with, so it must cost a few loads, not a {@link ThreadLocal} probe.
 *
 * <h2>Algorithm</h2>
 * The authoritative mapping is a {@code ThreadLocal} ({@link #OWNED}): it creates a thread's context
 * on first use. In front of it sits a direct-mapped cache, {@link #TABLE}, indexed by the low bits
 * of the thread id; an entry is used only if its context belongs to the calling thread
 * ({@link Transaction#thread}, compared by identity). The fast path is therefore: current thread,
 * its id, one array load, one field load and a compare. ({@code ThreadLocal.get} on JDK 17 adds the
 * thread's map, its table, a weak-reference check and the value load: 17.6 ns for a read-only
 * transaction, which does two lookups, against 13.1 ns with this cache; holding the entries weakly
 * instead cost 2 ns of it.)
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>An entry never answers for the wrong thread.</b> {@code thread} is a final field set
 *       before the context is published, so even a racy (plain) read of an entry another thread just
 *       stored sees that thread, and the identity compare rejects it. An entry that passes was
 *       created by the caller, so all its fields are the caller's own writes. The id only chooses
 *       the entry: a thread class that overrides {@code getId()} (possible before JDK 19) can at
 *       worst miss the cache.</li>
 *   <li><b>The cache keeps no dead thread's context for long.</b> The {@code ThreadLocal} holds an
 *       {@link Owned} record, which nothing else refers to; a terminating thread drops its
 *       {@code ThreadLocal} values (platform threads in {@code Thread.exit}, virtual threads when
 *       done), so the record becomes unreachable then, even though the cache still refers to the
 *       context and the context to its thread. The context is registered with a {@code Cleaner} on
 *       that record ({@code Counters.register}): at the next GC its statistics are retired, its
 *       version slot freed and its cache entry cleared ({@link #forget}), after which nothing refers
 *       to the context or the thread: exactly when a context held only by a {@code ThreadLocal}
 *       would have been retired. (Test harnesses that start new threads for every scenario, such as
 *       Lincheck, rely on that.)</li>
 *   <li><b>A live thread's entry is replaced only by the slow path's CAS</b> over an empty entry.
 *       Two live threads whose ids collide do not evict each other (no ping-pong on the line): the
 *       later one keeps using the {@code ThreadLocal}.</li>
 * </ul>
 */
final class Contexts {
    private static final int SIZE = 4096;
    private static final int MASK = SIZE - 1;
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(Transaction[].class);

    private static final Transaction[] TABLE = new Transaction[SIZE];
    private static final ThreadLocal<Owned> OWNED = ThreadLocal.withInitial(Owned::new);

    private Contexts() {
    }

    /** The calling thread's context. */
    static Transaction current() {
        Transaction tx = cached(Thread.currentThread());
        return tx != null ? tx : OWNED.get().context;
    }

    /** The context cached for {@code thread}, or null if its entry holds another thread's or none. */
    static Transaction cached(Thread thread) {
        Transaction tx = TABLE[index(thread)];
        return tx != null && tx.thread == thread ? tx : null;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static int index(Thread t) {
        return (int) t.getId() & MASK;
    }

    /**
     * What a thread's {@code ThreadLocal} holds: its context. Only that {@code ThreadLocal} refers
     * to this record (the context and the cache do not), so it becomes unreachable when the
     * thread terminates, which is what retires the context.
     */
    private static final class Owned {
        final Transaction context;

        Owned() {
            Thread t = Thread.currentThread();
            int i = index(t);
            context = new Transaction(this, t, dead -> forget(i, dead));
            ENTRY.compareAndSet(TABLE, i, (Transaction) null, context);
        }
    }

    /** Clears entry {@code i} if it still holds {@code tx}, whose thread has terminated. */
    private static void forget(int i, Transaction tx) {
        ENTRY.compareAndSet(TABLE, i, tx, (Transaction) null);
    }
}
