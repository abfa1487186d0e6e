package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Finds the calling thread's context ({@link TxnContext}): the lookup every {@code atomic} and every
 * {@code TVar} access starts with, so it must cost a few loads. Contexts are held in one of two ways,
 * chosen per thread when it first needs one:
 * <ul>
 *   <li><b>Bound</b> (platform threads, by default): the thread keeps a context while it lives, so a
 *       thread that runs block after block pays one table load per lookup and nothing per block.
 *       When it terminates, the next thread that needs a context takes that one over.</li>
 *   <li><b>Lent per block</b> (virtual threads, by default): the thread holds a context only while
 *       it runs a top-level block. Outside a block its lookups answer {@link TxnContext#OUTSIDE}, a
 *       shared view that holds no state: a {@code TVar.get()} there is a static read, and a write or
 *       a block borrows a context ({@link #lend}) for its duration and gives it back
 *       ({@link #giveBack}) to {@link #POOL}. So the contexts in use are as many as the blocks
 *       running at once, however many threads exist; a parked virtual thread holds nothing.
 *       Lending costs a few CASes per top-level block (measured in docs/performance.md), which a
 *       platform thread's fast path does not pay.</li>
 * </ul>
 * The system property {@code stm4j.lendContexts} ({@code virtual}, the default; {@code all}; or
 * {@code none}) chooses which threads borrow; it is read once, and any other value makes the first
 * use of the STM fail with an {@code IllegalArgumentException} naming the property.
 *
 * <p><b>Thread death is handled here and only here.</b> Nothing watches threads terminate: a bound
 * context whose thread has terminated is found, lazily, by a thread that needs one ({@link #bind}),
 * and taken over whole — logs, statistics ({@link Counters}), version slot and clock cursor
 * ({@link VersionClock.Cursor}), id ({@link Owners}) — with {@link TxnContext#takeOver}. So no
 * other class needs to know that threads die: statistics are never folded, slots never freed, ids
 * never retired. This class is also the only one that creates contexts.
 *
 * <h2>Algorithm</h2>
 * A context in use is <em>bound</em> to one live thread at a time ({@link TxnContext#owner}) — for
 * the thread's life, or for one block. The binding is found through a direct-mapped table,
 * {@link #TABLE}, indexed by the low bits of the thread id; an entry answers only if its context is
 * bound to the calling thread (compared by identity). The fast path is therefore: current thread,
 * its id, one array load, one field load and a compare. A thread that misses takes the slow path
 * ({@link #bind}); a thread that borrows gets {@link TxnContext#OUTSIDE} there. Otherwise:
 * <ol>
 *   <li>If its entry holds the context of a thread that has <em>terminated</em>, it takes that
 *       context over in place (a CAS of the context's owner from the dead thread to itself).</li>
 *   <li>If its entry is empty, it takes an idle context ({@link #POOL}), or one of a terminated
 *       thread elsewhere in the table ({@link #reclaimFromTable}), or creates one, and installs it.
 *       Thread ids are handed out in sequence, so in the thread-per-request pattern the contexts of
 *       finished requests are found next to the new thread's entry, or just past the last one
 *       reclaimed.</li>
 *   <li>If its entry belongs to another live thread, it binds a context in {@link #OVERFLOW}, a map
 *       by thread that is swept of terminated threads as it grows (their contexts go to
 *       {@link #POOL}).</li>
 * </ol>
 * A lent context is installed the same way ({@link #place}) and removed from its entry, or from
 * {@link #OVERFLOW}, before it goes back to the pool.
 *
 * <h2>Invariants</h2>
 * <ul>
 *   <li><b>A context is bound to at most one live thread.</b> A context changes owner only by a CAS
 *       from a terminated thread, which never runs again, or from null (idle, taken from the pool,
 *       whose cells change by CAS); its owner sets it back to null only after removing it from the
 *       table and before giving it to the pool. So two live threads never use one context. (A
 *       terminated thread cannot have left a block running: {@code atomic} leaves none when it
 *       returns or throws, and a context an error broke is recovered by its next user, see
 *       {@link TxnContext#execute}.) Termination is detected with {@link Thread#isAlive()}, which also
 *       orders the dead thread's last writes to the context before the new owner's reads; the pool's
 *       CASes order a lender's writes before the next borrower's reads.</li>
 *   <li><b>An entry never answers for the wrong thread.</b> A live thread X can see {@code owner == X}
 *       only if X itself stored it: every other value ever stored there is another thread — dead,
 *       or the current owner — or null. Reads of {@code owner} on the fast path may be racy plain
 *       loads; the identity compare rejects whatever they return unless it is X's own write.</li>
 *   <li><b>Nothing is retained per thread beyond its need, except bounded leftovers.</b> A lent
 *       context is back in the pool when its block ends. A dead bound thread's context stays in its
 *       entry (and so its {@code Thread} object stays reachable) until a new thread takes it over: at
 *       most {@value #SIZE} such threads, plus those in {@link #OVERFLOW} until its next sweep.
 *       Contexts are never discarded, so statistics need no registry of dead threads
 *       ({@link Counters}).</li>
 * </ul>
 * <p>So the number of contexts is the largest number, at any one moment, of bound threads alive plus
 * blocks running on borrowing threads (plus the few a race or a collision strands): not the number
 * of threads that ever ran a block.
 */
final class Contexts {
    private static final int SIZE = 4096;
    private static final int MASK = SIZE - 1;
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(TxnContext[].class);

    private static final TxnContext[] TABLE = new TxnContext[SIZE];
    /** Contexts of live threads whose table entry belongs to another live thread. */
    private static final Map<Thread, TxnContext> OVERFLOW = new ConcurrentHashMap<>();
    /** Contexts no thread is bound to. */
    private static final ContextPool POOL = new ContextPool();
    /** Which threads borrow a context per block instead of keeping one: {@code stm4j.lendContexts}. */
    private static final Lending LENDING = Lending.fromProperty(System.getProperty("stm4j.lendContexts", "virtual"));
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
        if (entry != null && entry.owner == t) {
            return entry;
        }
        if (LENDING.lendsTo(t)) {
            return TxnContext.OUTSIDE;
        }
        if (entry != null) {
            Thread previous = entry.owner;
            if (previous != null && !previous.isAlive() && entry.takeOver(previous, t)) {
                return place(entry, t, i);
            }
        }
        return place(acquire(t, i), t, i);
    }

    /**
     * A context for the calling thread {@code t}, whose table entry is {@code i}, owned by {@code t}
     * but not yet placed: an idle one, else one a terminated thread left in the table, else a new one.
     */
    private static TxnContext acquire(Thread t, int i) {
        TxnContext idle = POOL.take();
        if (idle != null) {
            idle.owner = t; // the pool's CAS made it ours; owner was null (see giveBack)
            return idle;
        }
        TxnContext reclaimed = reclaimFromTable(t, i);
        return reclaimed != null ? reclaimed : create(t);
    }

    /**
     * A context lent to the calling thread for one top-level block (or one write outside a block):
     * the thread borrows ({@link Lending}) and holds none. Its lookups find the context until
     * {@link #giveBack}.
     */
    static TxnContext lend() {
        Thread t = Thread.currentThread();
        int i = index(t);
        return place(acquire(t, i), t, i);
    }

    /**
     * Ends a loan of {@link #lend}: takes {@code tx} out of the table (or {@link #OVERFLOW}), unbinds
     * it and puts it in the pool. Called by its owner, with no block running on it — or with a block
     * an error broke, which the next borrower's first call recovers, as the thread's own next call
     * would ({@link TxnContext#execute}).
     */
    static void giveBack(TxnContext tx) {
        Thread t = tx.owner;
        int at = tx.tableIndex;
        if (at >= 0) {
            ENTRY.compareAndSet(TABLE, at, tx, (TxnContext) null);
            tx.tableIndex = -1;
        } else {
            OVERFLOW.remove(t, tx);
        }
        tx.owner = null; // published to the next borrower by the pool's CAS
        POOL.give(tx);
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

    /** Moves the contexts of terminated threads out of {@link #OVERFLOW} into {@link #POOL} (one sweeper at a time). */
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
                        POOL.give(tx);
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

    /** How many contexts are idle in the pool (racy; for tests and diagnostics). */
    static int idle() {
        return POOL.size();
    }

    /** Whether {@code t} borrows a context per block rather than keeping one (for tests). */
    static boolean lendsTo(Thread t) {
        return LENDING.lendsTo(t);
    }

    /** Which threads borrow: {@code stm4j.lendContexts}. */
    enum Lending {
        /** Virtual threads borrow, platform threads keep a context (the default). */
        VIRTUAL,
        /** Every thread borrows (costs a platform thread's fast path a few CASes per block). */
        ALL,
        /** Every thread keeps a context while it lives. */
        NONE;

        /** {@code Thread.isVirtual()}, absent before JDK 21 (then no thread is virtual). */
        private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

        static Lending fromProperty(String value) {
            switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "virtual":
                    return VIRTUAL;
                case "all":
                    return ALL;
                case "none":
                    return NONE;
                default:
                    throw new IllegalArgumentException("stm4j.lendContexts must be virtual, all or none, not '"
                            + value + "'");
            }
        }

        boolean lendsTo(Thread t) {
            return this == ALL || this == VIRTUAL && isVirtual(t);
        }

        private static boolean isVirtual(Thread t) {
            if (IS_VIRTUAL == null) {
                return false;
            }
            try {
                return (boolean) IS_VIRTUAL.invokeExact(t);
            } catch (Throwable e) {
                throw new AssertionError(e); // Thread.isVirtual() throws nothing
            }
        }

        private static MethodHandle isVirtualHandle() {
            try {
                return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                        MethodType.methodType(boolean.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                return null;
            }
        }
    }
}
