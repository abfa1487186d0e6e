package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the calling thread's context ({@link TxnContext}): the lookup every {@code atomic} and every
 * {@code TVar} access starts with, so it must cost a few loads; and hands the contexts of threads
 * that have terminated to new threads, so that a new thread — a virtual thread per request — costs
 * neither an allocation nor a registration.
 *
 * <p><b>Thread death is handled here and only here.</b> Nothing watches threads terminate: a
 * context whose thread has terminated is found, lazily, by a thread that needs one ({@link #bind}),
 * and taken over whole — logs, statistics ({@link Counters}), version slot and clock cursor
 * ({@link VersionClock.Cursor}), id ({@link Owners}) — with {@link TxnContext#takeOver}. So no
 * other class needs to know that threads die: statistics are never folded, slots never freed, ids
 * never retired. This class is also the only one that creates contexts.
 *
 * <h2>Algorithm</h2>
 * A context is <em>bound</em> to one live thread at a time ({@link TxnContext#owner}). The binding
 * is found through a direct-mapped table, {@link #TABLE}, indexed by the low bits of the thread id;
 * an entry answers only if its context is bound to the calling thread (compared by identity). The
 * fast path is therefore: current thread, its id, one array load, one field load and a compare.
 * A thread that misses takes the slow path ({@link #bind}):
 * <ol>
 *   <li>If its entry holds the context of a thread that has <em>terminated</em>, it takes that
 *       context over in place (a CAS of the context's owner from the dead thread to itself).</li>
 *   <li>If its entry is empty, it takes an idle context ({@link #IDLE}), or one of a terminated
 *       thread elsewhere in the table ({@link #reclaimFromTable}), or creates one, and installs it.
 *       Thread ids are handed out in sequence, so in the thread-per-request pattern the contexts of
 *       finished requests are found next to the new thread's entry, or just past the last one
 *       reclaimed: a new thread reuses a context — its logs, statistics and version slot — with no
 *       allocation.</li>
 *   <li>If its entry belongs to another live thread, it binds a context in {@link #OVERFLOW}, a map
 *       by thread that is swept of terminated threads as it grows (their contexts go to
 *       {@link #IDLE}).</li>
 * </ol>
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>A context is bound to at most one live thread.</b> A context changes owner only by a CAS
 *       from a terminated thread, which never runs again, or from null (idle); so two live threads
 *       never use one context. (A terminated thread cannot have left a block running:
 *       {@code atomic} leaves none when it returns or throws, and a context an error broke is
 *       recovered by its next user, see {@link TxnContext#execute}.) Termination is detected with
 *       {@link Thread#isAlive()}, which also orders the dead thread's last writes to the context
 *       before the new owner's reads.</li>
 *   <li><b>An entry never answers for the wrong thread.</b> A live thread X can see {@code owner == X}
 *       only if X itself stored it: every other value ever stored there is another thread — dead,
 *       or the current owner. Reads of {@code owner} on the fast path may be racy plain loads; the
 *       identity compare rejects whatever they return unless it is X's own write.</li>
 *   <li><b>Nothing is retained per thread beyond its life, except bounded leftovers.</b> A dead
 *       thread's context stays in its entry (and so its {@code Thread} object stays reachable) until a
 *       new thread takes it over: at most {@value #SIZE} such threads, plus those in
 *       {@link #OVERFLOW} until its next sweep. Contexts are never discarded, so statistics need no
 *       registry of dead threads ({@link Counters}).</li>
 * </ul>
 * <p>So the number of contexts is the largest number of threads alive at once that had used the STM
 * (plus the few a race or a collision strands): not the number of threads that ever ran a block. A
 * live thread keeps its context between blocks, so a thread that runs block after block pays one
 * table load per lookup, as before.
 */
final class Contexts {
    private static final int SIZE = 4096;
    private static final int MASK = SIZE - 1;
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(TxnContext[].class);

    private static final TxnContext[] TABLE = new TxnContext[SIZE];
    /** Contexts of live threads whose table entry belongs to another live thread. */
    private static final Map<Thread, TxnContext> OVERFLOW = new ConcurrentHashMap<>();
    /** Contexts no thread is bound to. */
    private static final ConcurrentLinkedQueue<TxnContext> IDLE = new ConcurrentLinkedQueue<>();
    /** {@link #OVERFLOW} is swept of terminated threads each time it reaches this size (then doubled). */
    private static volatile int sweepAt = 64;
    private static final AtomicBoolean SWEEPING = new AtomicBoolean();

    /** Where the next cursor scan of {@link #reclaimFromTable} starts: just past the last entry reclaimed. */
    private static final AtomicInteger CURSOR = new AtomicInteger();
    /** Contexts created so far: never discarded, so also the number that exist. */
    private static final AtomicInteger CREATED = new AtomicInteger();
    private static final int SCAN = 64;
    private static final int NEIGHBOURS = 8;

    private Contexts() {
    }

    /** The calling thread's context. */
    static TxnContext current() {
        Thread t = Thread.currentThread();
        TxnContext tx = TABLE[index(t)];
        return tx != null && tx.owner == t ? tx : bind(t);
    }

    /** The context bound to {@code thread}, or null if none is (no allocation, no binding). */
    static TxnContext boundTo(Thread thread) {
        TxnContext tx = TABLE[index(thread)];
        if (tx != null && tx.owner == thread) {
            return tx;
        }
        return OVERFLOW.isEmpty() ? null : OVERFLOW.get(thread);
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static int index(Thread t) {
        return (int) t.getId() & MASK;
    }

    /** The slow path of {@link #current()}: find, take over or create the calling thread's context. */
    private static TxnContext bind(Thread t) {
        if (!OVERFLOW.isEmpty()) {
            TxnContext mine = OVERFLOW.get(t);
            if (mine != null) {
                return mine;
            }
        }
        int i = index(t);
        TxnContext entry = (TxnContext) ENTRY.getVolatile(TABLE, i);
        if (entry != null) {
            Thread previous = entry.owner;
            if (previous == t) {
                return entry;
            }
            if (previous != null && !previous.isAlive() && entry.takeOver(previous, t)) {
                return place(entry, t, i);
            }
        }
        for (TxnContext idle; (idle = IDLE.poll()) != null;) {
            if (idle.takeOver(null, t)) {
                return place(idle, t, i);
            }
        }
        TxnContext reclaimed = reclaimFromTable(t, i);
        return place(reclaimed != null ? reclaimed : create(t), t, i);
    }

    /**
     * Puts a context the calling thread {@code t} has just acquired where its lookups find it: at
     * {@code t}'s own entry {@code i} if that is (or becomes) free, else in {@link #OVERFLOW}.
     * The context may still sit at the entry of the dead thread it came from
     * ({@link TxnContext#tableIndex}, written only by owners): it is taken out of there first.
     * Only a context's owner moves it, and an owner is alive, so nobody else can move it meanwhile
     * — the other slow paths only take contexts whose owner has terminated.
     */
    private static TxnContext place(TxnContext tx, Thread t, int i) {
        Owners.register(tx); // its id's entry may have been taken by a younger context meanwhile
        int at = tx.tableIndex;
        if (at == i) {
            return tx;
        }
        if (at >= 0) {
            ENTRY.compareAndSet(TABLE, at, tx, (TxnContext) null);
            tx.tableIndex = -1;
        }
        if (ENTRY.compareAndSet(TABLE, i, (TxnContext) null, tx)) {
            tx.tableIndex = i;
            return tx;
        }
        OVERFLOW.put(t, tx);
        if (OVERFLOW.size() >= sweepAt) {
            sweepOverflow();
        }
        return tx;
    }

    /**
     * Finds a context in the table whose thread has terminated and takes it over for {@code t} (the
     * caller moves it to {@code t}'s entry). It looks first at the {@value #NEIGHBOURS} entries
     * below {@code own} — thread ids are handed out in sequence, so a thread started after another
     * has finished usually sits next to it — then at {@value #SCAN} entries from a cursor that
     * follows the reclaimed entries round the table (contexts move to their new threads' entries, so
     * the ones still to reclaim lie just past the last one taken).
     */
    private static TxnContext reclaimFromTable(Thread t, int own) {
        for (int k = 1; k <= NEIGHBOURS; k++) {
            TxnContext tx = takeIfDead((own - k) & MASK, t);
            if (tx != null) {
                return tx;
            }
        }
        int start = CURSOR.get();
        for (int k = 0; k < SCAN; k++) {
            int j = (start + k) & MASK;
            TxnContext tx = takeIfDead(j, t);
            if (tx != null) {
                CURSOR.set(j + 1);
                return tx;
            }
        }
        CURSOR.set(start + SCAN);
        return null;
    }

    /** The context at entry {@code j}, taken over for {@code t}, if its thread has terminated; else null. */
    private static TxnContext takeIfDead(int j, Thread t) {
        TxnContext tx = (TxnContext) ENTRY.getVolatile(TABLE, j);
        if (tx == null) {
            return null;
        }
        Thread previous = tx.owner;
        return previous != null && previous != t && !previous.isAlive() && tx.takeOver(previous, t) ? tx : null;
    }

    /** Moves the contexts of terminated threads out of {@link #OVERFLOW} into {@link #IDLE} (one sweeper at a time). */
    private static void sweepOverflow() {
        if (!SWEEPING.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Iterator<Map.Entry<Thread, TxnContext>> it = OVERFLOW.entrySet().iterator(); it.hasNext();) {
                Map.Entry<Thread, TxnContext> e = it.next();
                Thread owner = e.getKey();
                if (!owner.isAlive()) {
                    it.remove();
                    TxnContext tx = e.getValue();
                    if (tx.takeOver(owner, null)) {
                        IDLE.offer(tx);
                    }
                }
            }
            sweepAt = Math.max(64, OVERFLOW.size() * 2);
        } finally {
            SWEEPING.set(false);
        }
    }

    /** A new context for {@code t}: the only place contexts are created. */
    private static TxnContext create(Thread t) {
        CREATED.incrementAndGet();
        return new TxnContext(t);
    }

    /** How many contexts exist (for tests and diagnostics). */
    static int created() {
        return CREATED.get();
    }
}
