package org.stm4j.internal;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.stm4j.AbortCause;
import org.stm4j.RetryInterruptedException;
import org.stm4j.TVar;
import org.stm4j.TooManyAttemptsException;
import org.stm4j.TransactionTimeoutException;
import org.stm4j.access.Deferred;
import org.stm4j.access.Txn;
import org.stm4j.internal.report.BlockObservation;
import org.stm4j.internal.report.ConflictRecorder;
import org.stm4j.internal.report.Listeners;
import org.stm4j.internal.report.Observers;
import org.stm4j.internal.report.Sites;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * The engine: a transaction context, bound to one live thread at a time ({@link Contexts}) — a
 * platform thread keeps it for every block it runs and, when it has terminated, a new thread takes it
 * over; a virtual thread borrows one for each top-level block and gives it back (its logs, statistics
 * and version slot go with it either way). It is not a transaction: it runs its thread's
 * transactions one after another, and at most one top-level block at a time. A thread that holds no
 * context gets {@link #OUTSIDE}, which borrows one whenever something would change its state.
 *
 * <h2>Structure</h2>
 * Its state has three lifetimes, kept apart:
 * <ul>
 *   <li><b>The thread's</b> (fields of this class): identity and lock word, the binding to a thread
 *       ({@link #owner}, {@link #takeOver}: {@link Contexts} decides when a thread has terminated),
 *       the statistics ({@link Counters}), the clock cursor ({@link VersionClock.Cursor}: version slot
 *       and last commit version, written by the clock only), and error recovery.</li>
 *   <li><b>The running attempt's</b> (fields of this class): status, read version, the read and write
 *       logs, the reader slot and priority, the irrevocability token, the hooks, the conflicting TVar.
 *       An attempt is rolled back, and all of this released, before its afterAbort hooks run.</li>
 *   <li><b>The running block's</b>, across its attempts ({@link BlockState}, one reference:
 *       {@link #blockState}): configuration and manager, attempt and abort counts, the manager's
 *       state, mode, deadline, observation. An afterAbort hook may run a new top-level block on this
 *       context; it gets a state of its own and the outer block's is untouched (see
 *       {@link #runHooksKeepingBlock}). {@link BlockState} says which field lives where and why.</li>
 * </ul>
 * The life of a block: {@link #execute} → {@code startBlock} → ({@code beginAttempt} → the block's
 * reads and writes ({@link #read}, {@link #write}) → {@code commit}, or an abort →
 * {@code rollbackAttempt} → {@code chooseNextMode})* → {@code committed} → {@code endBlock}.
 *
 * <h2>Overview</h2>
 * A lazy (redo-log, commit-time locking) STM of the TL2 family with invisible reads, timestamp
 * extension (LSA) and a global version clock ({@link VersionClock}).
 * <ul>
 *   <li><b>Begin</b> reads the clock into {@code rv}, the read version. Nothing is written.</li>
 *   <li><b>Read</b> of a TVar not in the write set is a seqlock read of its metadata word
 *       ({@link Meta}): read the word (acquire), read the value, load fence, re-read the word; the
 *       pair is used only if both words are equal and unlocked. The word is logged in the read set.
 *       If its counter is beyond {@code rv} (and not the thread's own, see
 *       {@link VersionClock.LazyClock}), the transaction advances the clock to it and
 *       <em>extends</em> {@code rv}: it revalidates the whole read set (every logged word still
 *       current) and aborts only if that fails.</li>
 *   <li><b>Write</b> goes to the redo log only.</li>
 *   <li><b>Commit</b> of a read-only attempt does nothing: no CAS, no clock access. An update commit
 *       CAS-locks each written TVar in write-log order (a busy lock is waited on briefly, then the
 *       contention manager decides; waiting is always bounded, so there is no deadlock), yields to a
 *       visible reader of higher priority ({@link VisibleReads}), takes its version from the clock,
 *       validates the read set, then writes the values and release-stores the new version into each
 *       word, which unlocks it, and wakes {@code retry} waiters ({@link Waiters}).</li>
 * </ul>
 *
 * <h2>Why a validated read set is a consistent snapshot (opacity)</h2>
 * By the clock invariant ({@link VersionClock}), a version with counter {@code <= rv} was written
 * by a commit that had locked its whole write set before the transaction read {@code rv}; so each
 * of its other TVars is either still locked (the reader waits or aborts) or shows its value. A
 * read therefore never sees part of a commit. Extension validates that every earlier read is still
 * current at a moment after the clock reached the new {@code rv}, so all reads so far are the state
 * at that moment. Every read is checked before the block sees its value, so even an attempt that
 * will abort only ever observes a consistent state (opacity). An update commit validates once more
 * after locking, so all its reads and writes take effect at one point: serializability.
 * The seqlock read is correct because the committer's lock CAS precedes its value store (a CAS has
 * volatile read and write semantics), and the reader's load fence orders its value read before the
 * re-read of the word, as in {@link java.util.concurrent.locks.StampedLock#validate}.
 *
 * <h2>Escalation and progress</h2>
 * After a conflict abort the contention manager chooses the next attempt's mode: optimistic,
 * priority (visible reads that lower-priority committers yield to) or irrevocable. Past the block's
 * attempt limit the engine makes the attempt irrevocable whatever the manager says. Irrevocability
 * takes the global token ({@link ClockLine}), makes every read visible at the top priority and then
 * validates the reads made so far; from then on no committer may overwrite what it read, reads
 * wait for locks instead of aborting, and its commit cannot fail. If the validation fails, the
 * attempt restarts irrevocable from its first read (taking the token at its begin), where nothing
 * can fail. So every block commits. An irrevocable mode the engine chose (escalation) still allows
 * {@code retry}: no I/O can have happened; after {@code becomeIrrevocable()} it cannot.
 *
 * <h2>Flat nesting and partial rollback</h2>
 * A nested {@code atomic} joins the running transaction; it marks the write log, and if it throws,
 * its own writes are undone before the exception propagates. {@code orElse} uses the same mark to
 * undo its first branch when that branch retries, keeping its reads so that the wake-up covers both
 * branches.
 *
 * <p>Threading: an instance is only ever used by its own thread, except that other threads read
 * its {@link Counters} for statistics.
 */
public final class TxnContext extends Txn implements TxnView {

    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicLong TICKETS = new AtomicLong();
    /** The context id owning each version slot, so a conflict can name the TVar's last committer. */
    private static final long[] SLOT_OWNERS = new long[Meta.MAX_SLOT + 1];
    private static final VersionClock CLOCK = VersionClock.CLOCK;
    private static final ClockLine LINE = ClockLine.INSTANCE;

    private static final int NONE = 0;
    private static final int ACTIVE = 1;
    /**
     * An error interrupted {@link #recover()}: something may still be held. The thread's next call
     * into the engine finishes the recovery before it does anything else.
     */
    private static final int BROKEN = 2;
    /**
     * The status of {@link #OUTSIDE} alone, never of a real context: the calling thread borrows a
     * context per block and holds none now. Checked only where a status other than {@link #NONE} or
     * {@link #ACTIVE} is already checked, so the paths of bound contexts pay nothing for it.
     */
    private static final int LENDER = 3;

    /** The deliberate faults of the verification suites, read once here (see {@link #primeErrorPaths()}). */
    private static final boolean LEAK_LOCKS_ON_ERROR = Faults.LEAK_LOCKS_ON_ERROR;
    private static final boolean SKIP_VALIDATION = Faults.SKIP_VALIDATION;
    private static final boolean ORELSE_KEEPS_WRITES = Faults.ORELSE_KEEPS_WRITES;
    private static final boolean IGNORE_IRREVOCABLE = Faults.IGNORE_IRREVOCABLE;
    private static final boolean LOST_WAKEUP = Faults.LOST_WAKEUP;

    static {
        try {
            RESCUE = java.lang.invoke.MethodHandles.lookup().findVarHandle(TxnContext.class, "rescue", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        primeErrorPaths();
    }

    /** The transaction context of the calling thread ({@link #OUTSIDE} if it borrows one per block and holds none). */
    public static TxnContext current() {
        return Contexts.current();
    }

    /**
     * What a thread that borrows a context per block ({@link Contexts}) gets when it holds none: a
     * shared view with no state of its own, which no thread is bound to. Its status is
     * {@link #LENDER}; everything that would change a context's state borrows one first:
     * <ul>
     *   <li>a read ({@code TVar.get()}) outside a block is the static single read every context
     *       does there ({@link #readNow});</li>
     *   <li>a write outside a block, a top-level block ({@link #execute}), and a collection's
     *       operation started through the face ({@link Txn#run}) run on a context lent for their
     *       duration and given back after it, also when they throw;</li>
     *   <li>queries answer as outside a block ({@link #active()} is false; {@code retry},
     *       {@code afterCommit}, {@code afterAbort}, {@code becomeIrrevocable} throw
     *       {@code IllegalStateException}).</li>
     * </ul>
     */
    public static final TxnContext OUTSIDE = new TxnContext();

    /**
     * The process-wide default configuration's policy, as {@code Stm} keeps it (set by {@code Stm}'s
     * initialisation; see {@link #runBlock}).
     */
    private static volatile Supplier<BlockPolicy> defaultPolicy;

    /** Called once by {@code Stm}'s initialisation: where {@link #runBlock} finds the default policy. */
    public static void defaultPolicyFrom(Supplier<BlockPolicy> source) {
        defaultPolicy = source;
    }

    @Override
    protected Txn lend() {
        return Contexts.lend();
    }

    @Override
    protected void giveBack(Txn lent) {
        Contexts.giveBack((TxnContext) lent);
    }

    /** {@code Stm.atomic(block)} for a context already looked up (the face's {@link Txn#run}). */
    @Override
    protected Object runBlock(Supplier<?> block) {
        Supplier<BlockPolicy> source = defaultPolicy;
        if (source == null) {
            org.stm4j.Stm.defaultConfig(); // initialises Stm, which registers the source
            source = defaultPolicy;
        }
        return execute(source.get(), block, true);
    }

    // ---- the thread's: identity, binding, clock cursor, statistics (stable across blocks) ----
    /**
     * The live thread this context is bound to (null while idle). Changed only by a CAS from a
     * terminated thread or from null ({@link #takeOver}); read racily by {@link Contexts}, which
     * relies on a live thread seeing itself here only if it stored itself.
     */
    Thread owner;
    /**
     * The {@link Contexts} table entry holding this context, or -1 (idle, or in its overflow map).
     * Written only by the context's owner; a new owner sees the last one's value (it took the context
     * over after detecting that thread's termination, or from the idle queue).
     */
    int tableIndex = -1;
    private final long id;
    private final long lockWord;
    /** Where this context stands on the clock: its version slot and last commit version (the clock's to write). */
    private final VersionClock.Cursor clockCursor;
    /** {@code clockCursor.slot}, for the read path's self-read rule without the extra load. */
    final int versionSlot;
    private final Counters counters;

    // ---- the running attempt ----
    private int status;
    private long rv;
    private boolean irrevocable;
    /** Irrevocable because the block asked (it may do I/O), not because the engine escalated. */
    private boolean irrevocableRequested;
    private boolean holdsToken;
    private int readerSlot;
    private final ReadLog reads = new ReadLog();
    private final WriteLog writes = new WriteLog();
    private TVar<?> conflictVar;
    private final Hooks hooks = new Hooks();
    /** The priority of a priority-mode attempt: it goes with the reader slot ({@link #releaseEscalation}). */
    private int priority;
    /** What the attempt that just committed wrote, and whether it was irrevocable (for {@link #committed}). */
    private int writesAtCommit;
    private boolean irrevocableAtCommit;
    /** The prioritized reader the last yielding commit yielded to (consumed by {@link #abort}). */
    private TxnView yieldedTo;
    /** The TVar whose lock this context waits for, and when (block and attempt); stale once they moved on. */
    private TVar<?> waitingFor;
    private long waitingBlock;
    private int waitingAttempt;

    // ---- the running block (across attempts): one reference, swapped around afterAbort hooks ----
    /**
     * The running (or, between blocks, the last) top-level block's state. Replaced only by
     * {@link #runHooksKeepingBlock}, for the duration of the hooks; read racily by other threads
     * through the {@link TxnView} methods.
     */
    BlockState blockState = new BlockState();
    /** Top-level blocks this context has started. */
    private long blocksStarted;

    // ---- what an error must not leave behind (see recover()) ----
    /**
     * Set only when an error escapes a commit (or a write outside a transaction, which then uses entry
     * 0): entries {@code [0, lockedWrites)} of the write log may be locked by this context;
     * {@link #releaseHeldLocks()} checks each word. The fast path stores nothing here: the error
     * handlers do, with plain stores, which cannot fail for lack of stack.
     */
    private int lockedWrites;
    /** Non-zero once the locked writes are being published: recovery completes them rather than undoing them. */
    private long publishVersion;
    /** The running attempt has passed its commit point: an error from here on must not roll it back. */
    private boolean pastCommitPoint;

    // ---- rescue by other threads (see rescueIfBroken) ----
    private static final int RESCUE_NONE = 0;
    private static final int RESCUE_NEEDED = 1;
    private static final int RESCUE_RUNNING = 2;
    private static final int RESCUE_DONE = 3;
    private static final VarHandle RESCUE;
    /** Whether what an error left held (locks, token, reader slot) still needs releasing, and by whom. */
    private volatile int rescue;
    /** The context that broke last (rescue also finds broken contexts by id, through {@link Owners}). */
    private static volatile TxnContext lastBroken;

    /** {@link #OUTSIDE}: no id, no version slot, counters nobody sums (it never commits). */
    private TxnContext() {
        super(true);
        this.id = 0;
        this.lockWord = Meta.lockedBy(0);
        this.clockCursor = new VersionClock.Cursor(0);
        this.versionSlot = 0;
        this.counters = new Counters();
        this.status = LENDER;
    }

    /**
     * Only {@link Contexts} creates contexts, bound to {@code owner}. A context lives as long as the
     * process: when its thread terminates, the context (its logs, statistics and version slot) is
     * taken over by a new thread ({@link #takeOver}), or, lent for one block, goes back to a pool.
     */
    TxnContext(Thread owner) {
        this.owner = owner;
        this.id = IDS.incrementAndGet();
        this.lockWord = Meta.lockedBy(id);
        this.clockCursor = CLOCK.newCursor();
        int slot = clockCursor.slot;
        this.versionSlot = slot;
        SLOT_OWNERS[slot] = id; // slot 0 ("none") is never looked up
        this.counters = Counters.register();
        Owners.register(this);
    }

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = java.lang.invoke.MethodHandles.lookup().findVarHandle(TxnContext.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Moves this context from {@code from} (a terminated thread, or null for an idle context) to
     * {@code to} (or to nobody): a CAS, so that two threads never take over the same context. The
     * primitive {@link Contexts} builds on; deciding that a thread has terminated, and what becomes of
     * its context, is that class's responsibility alone.
     */
    boolean takeOver(Thread from, Thread to) {
        return OWNER.compareAndSet(this, from, to);
    }


    // =====================================================================================
    // Blocks
    // =====================================================================================

    /**
     * What the calling thread's context still holds outside any block — a commit lock, the
     * irrevocability token, a visible-reader slot, a running or broken block — or null if nothing
     * (for tests that inject errors: after any failed call this must be null).
     */
    public static String leftoversOfCurrentThread() {
        TxnContext tx = current();
        StringBuilder b = new StringBuilder();
        if (tx.status == ACTIVE || tx.status == BROKEN) {
            b.append(tx.status == ACTIVE ? "a running block; " : "a broken context; ");
        }
        if (tx.lockedWrites != 0) {
            b.append(tx.lockedWrites).append(" commit lock(s); ");
        }
        if (tx.holdsToken) {
            b.append("the irrevocability token; ");
        }
        if (tx.readerSlot != 0) {
            b.append("visible-reader slot ").append(tx.readerSlot).append("; ");
        }
        if (tx.pastCommitPoint || tx.publishVersion != 0) {
            b.append("a half-finished commit; ");
        }
        return b.length() == 0 ? null : b.toString();
    }

    /** The capacity of the running attempt's read log (for tests of its bound). */
    int readLogCapacity() {
        return reads.vars.length;
    }

    /** Whether the calling thread runs a transaction. */
    @Override
    public boolean active() {
        return status == ACTIVE;
    }

    /**
     * Runs {@code block} (a {@link Runnable} or, if {@code returnsValue}, a {@link Supplier}) as a
     * transaction, or as part of the running one.
     *
     * <p><b>Errors.</b> Whatever escapes a top-level block — the block's own exception, a
     * {@code StackOverflowError} or {@code OutOfMemoryError} thrown anywhere in the engine, a throwing
     * hook or contention manager — leaves this context as if no block had run: no commit lock, no
     * irrevocability token, no visible-reader slot held, the logs empty ({@link #recover()}). The
     * recovery runs here, in the outermost engine frame of the block, so an error caused by a
     * nearly full stack meets more free stack than the frames that took the locks had; it is also
     * done once, earlier, on the way out of each attempt. Should it still fail, the context is
     * marked {@link #BROKEN} and the thread's next call into the engine completes it first.
     */
    public Object execute(BlockPolicy blockPolicy, Object block, boolean returnsValue) {
        int s = status;
        if (s != NONE) {
            if (s == ACTIVE) {
                return executeNested(block, returnsValue);
            }
            if (s == LENDER) {
                return executeLent(blockPolicy, block, returnsValue);
            }
            recover();
        }
        try {
            startBlock(blockPolicy, block);
            try {
                for (;;) {
                    beginAttempt();
                    Object result;
                    try {
                        result = invoke(block, returnsValue);
                        commit();
                    } catch (ControlSignal signal) {
                        if (signal == ControlSignal.RETRY) {
                            awaitChange();
                            BlockState b = blockState;
                            if (b.longEvent != null) {
                                b.longEvent.begin(); // time spent waiting in retry is not transaction time
                            }
                            // Waiting is not a conflict: the next attempt starts afresh, not escalated.
                            b.consecutiveAborts = 0;
                            b.mode = AttemptMode.OPTIMISTIC;
                        } else {
                            rollbackAttempt();
                            chooseNextMode();
                        }
                        continue;
                    } catch (Throwable t) {
                        abandonAttempt(t);
                        throw t;
                    }
                    committed();
                    return result;
                }
            } finally {
                endBlock();
            }
            } catch (Throwable t) {
            if (status != NONE || lockedWrites != 0 || holdsToken || readerSlot != 0) {
                // Stores cannot overflow the stack; the call below can. If it does, what this context
                // holds is released by the next thread that waits for it (rescueIfBroken), or by this
                // thread's next call into the engine.
                status = BROKEN;
                lastBroken = this;
                rescue = RESCUE_NEEDED;
                recoverQuietly();
            }
            throw t;
        }
    }

    /** {@link #execute} by a thread that holds no context: on one lent for the block, given back after it. */
    private static Object executeLent(BlockPolicy blockPolicy, Object block, boolean returnsValue) {
        TxnContext lent = Contexts.lend();
        try {
            return lent.execute(blockPolicy, block, returnsValue);
        } finally {
            Contexts.giveBack(lent);
        }
    }

    /**
     * {@code Stm.atomic(config, block)}: as {@link #execute}, but a nested block's configuration is
     * honoured where it can be and refused where it cannot (see {@link #joinWithPolicy}).
     */
    public Object executeConfigured(BlockPolicy blockPolicy, Object block, boolean returnsValue) {
        if (status == ACTIVE) {
            return joinWithPolicy(blockPolicy, block, returnsValue);
        }
        return execute(blockPolicy, block, returnsValue);
    }

    /**
     * The block threw (or the engine failed under it): undo the attempt before {@code t} propagates.
     * Locks first: an afterAbort hook must not run while this thread holds commit locks. After the
     * commit point (e.g. a StackOverflowError while waking waiters) the commit stands, so this is no
     * abort: the hooks do not run.
     */
    private void abandonAttempt(Throwable t) {
        releaseHeldLocks();
        if (pastCommitPoint) {
            abandonCommittedAttempt();
            return;
        }
        BlockState b = blockState;
        b.abortCause = AbortCause.EXCEPTION;
        conflictVar = null;
        b.abandoning = true; // this block's own: a block run from its hooks has a state of its own
        try {
            rollbackAttempt();
        } catch (Throwable hookFailure) {
            if (hookFailure != t) {
                t.addSuppressed(hookFailure);
            }
        } finally {
            b.abandoning = false;
        }
    }

    private static Object invoke(Object block, boolean returnsValue) {
        if (returnsValue) {
            return ((Supplier<?>) block).get();
        }
        ((Runnable) block).run();
        return null;
    }

    private Object executeNested(Object block, boolean returnsValue) {
        int mark = writes.mark();
        long hookMark = hooks.mark();
        try {
            Object result = invoke(block, returnsValue);
            writes.release(mark);
            return result;
        } catch (ControlSignal signal) {
            throw signal;
        } catch (Throwable t) {
            rollbackNested(mark, hookMark);
            throw t;
        }
    }

    /**
     * Undoes a nested block or {@code orElse} branch: its writes, its afterCommit hooks; its afterAbort
     * hooks are marked to run when the attempt ends, whether it commits or aborts ({@link Hooks}).
     */
    private void rollbackNested(int mark, long hookMark) {
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.NESTED_ROLLBACK);
        }
        writes.rollbackTo(mark);
        hooks.rollBack(hookMark);
    }

    /**
     * A nested {@code atomic} with a configuration of its own. It joins the running transaction, so
     * what describes a whole transaction cannot change: a different contention manager, attempt
     * limit, exhaustion policy or timeout is refused with {@link IllegalStateException} before the
     * block runs. What can be honoured is: {@code readOnly} (a write inside the nested block throws,
     * as in a read-only top-level block) and {@code irrevocable} (the transaction becomes irrevocable
     * where the nested block starts, as by {@code becomeIrrevocable()}).
     */
    private Object joinWithPolicy(BlockPolicy nested, Object block, boolean returnsValue) {
        BlockPolicy running = blockState.policy;
        if (nested != running) {
            String conflict = running.conflictWith(nested);
            if (conflict != null) {
                throw new IllegalStateException("a TxnConfig given to a nested atomic block cannot change the "
                        + "running transaction's " + conflict + ": a nested block joins the enclosing "
                        + "transaction (configure the outermost block instead)");
            }
        }
        if (nested.irrevocable) {
            becomeIrrevocable();
        }
        if (!nested.readOnly || running.readOnly) {
            return executeNested(block, returnsValue);
        }
        blockState.policy = running.readOnlyTwin();
        try {
            return executeNested(block, returnsValue);
        } finally {
            blockState.policy = running;
        }
    }

    /** {@code Stm.orElse}: runs {@code first}; if it retries, undoes its writes and runs {@code second}. */
    public <T> T orElse(Supplier<T> first, Supplier<T> second) {
        int mark = writes.mark();
        long hookMark = hooks.mark();
        try {
            T result = first.get();
            writes.release(mark);
            return result;
        } catch (ControlSignal signal) {
            if (signal != ControlSignal.RETRY) {
                throw signal;
            }
            if (ORELSE_KEEPS_WRITES) {
                hooks.rollBack(hookMark);
                writes.release(mark);
            } else {
                rollbackNested(mark, hookMark);
            }
        } catch (Throwable t) {
            rollbackNested(mark, hookMark);
            throw t;
        }
        return second.get();
    }

    /**
     * Sets up a top-level block. The per-block fields that only aborts change (aborts, ticket,
     * karma, mode...) are already in their initial state: {@link #endBlock()} restores them, and
     * only when they changed, so a block that commits first time stores as little as possible.
     */
    private void startBlock(BlockPolicy p, Object block) {
        int watched = Observers.flags;
        if (watched != 0) {
            observe(watched, block);
        }
        BlockState b = blockState;
        if (b.policy != p) {
            b.policy = p;
            b.cm = p.contentionManager;
        }
        b.attempt = 0;
        b.blockSequence = ++blocksStarted;
        if (p.recordsStartTime) {
            b.startNanos = System.nanoTime(); // startNanos() reports it only while such a policy runs
        }
        if (p.irrevocable) {
            b.mode = AttemptMode.IRREVOCABLE;
        }
        if (p.timeoutNanos != 0) {
            b.deadline = deadlineAfter(p.timeoutNanos);
        }
        if (Events.recording) {
            b.longEvent = new Events.LongTransactionEvent();
            b.longEvent.begin();
        }
    }

    private static long deadlineAfter(long nanos) {
        long d = System.nanoTime() + nanos;
        return d == 0 ? 1 : d;
    }

    private void beginAttempt() {
        BlockState b = blockState;
        b.attempt++;
        b.cm.onBegin(this);
        if (b.mode != AttemptMode.OPTIMISTIC) {
            beginEscalated();
        }
        rv = CLOCK.readVersion();
        status = ACTIVE;
    }

    private void beginEscalated() {
        if (blockState.mode == AttemptMode.IRREVOCABLE) {
            takeToken();
            VisibleReads.acquireIrrevocable(this);
            readerSlot = VisibleReads.IRREVOCABLE_SLOT;
            irrevocable = true;
            irrevocableRequested = blockState.policy.irrevocable;
            if (blockState.observed != null && blockState.observed.listening()) {
                Listeners.irrevocable();
            }
        } else {
            priority = blockState.cm.priorityOf(this);
            readerSlot = VisibleReads.acquire(priority, this);
        }
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.ESCALATED);
        }
    }

    private void takeToken() {
        for (int spins = 0; !holdsToken; spins++) {
            if (LINE.tryTakeToken(id)) {
                holdsToken = true;
                return;
            }
            checkDeadline();
            if (spins >= RESCUE_AFTER) {
                long holder = LINE.irrevocableOwner;
                if (holder != 0) {
                    rescueIfBroken(holder);
                }
            }
            if (spins < 64) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(this, Math.min(1_000_000L, 1_000L << Math.min(10, spins - 64)));
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new RetryInterruptedException("interrupted while waiting to become irrevocable");
                }
            }
        }
    }

    private void checkDeadline() {
        if (blockState.deadline != 0 && System.nanoTime() - blockState.deadline >= 0) {
            throw new TransactionTimeoutException("atomic block timed out after " + blockState.attempt + " attempt(s)");
        }
    }

    /** After a conflict abort: ask the manager, enforce the attempt limit and the deadline. */
    private void chooseNextMode() {
        BlockState b = blockState;
        b.consecutiveAborts++;
        if (b.ticket == Long.MAX_VALUE) {
            b.ticket = TICKETS.incrementAndGet();
        }
        checkDeadline();
        AttemptMode next;
        if (b.abortCause == AbortCause.IRREVOCABLE_UPGRADE) {
            next = AttemptMode.IRREVOCABLE;
        } else {
            TxnView enemy = b.abortEnemy;
            b.abortEnemy = null;
            next = b.cm.onAbort(this, b.abortCause, enemy);
            if (next == null) {
                next = AttemptMode.OPTIMISTIC;
            }
        }
        BlockPolicy p = b.policy;
        if (next != AttemptMode.IRREVOCABLE && b.consecutiveAborts >= p.maxAttempts) {
            if (p.throwWhenExhausted) {
                throw new TooManyAttemptsException("atomic block aborted " + b.consecutiveAborts
                        + " times (maxAttempts " + p.maxAttempts + "), last cause " + b.abortCause);
            }
            next = AttemptMode.IRREVOCABLE;
        }
        if (next == AttemptMode.IRREVOCABLE && b.observed != null) {
            b.observed.escalated();
        }
        b.mode = next;
    }

    private void committed() {
        pastCommitPoint = false;
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.COMMITTED);
        }
        Counters c = counters;
        BlockState b = blockState;
        if (writesAtCommit == 0) {
            c.readOnly++;
        } else {
            c.updates++;
        }
        if (irrevocableAtCommit) {
            irrevocableAtCommit = false;
            c.irrevocable++;
            if (b.longEvent != null) {
                b.longEvent.irrevocable = true;
            }
        }
        b.cm.onCommit(this);
        if (b.longEvent != null) {
            Events.LongTransactionEvent e = b.longEvent;
            b.longEvent = null;
            e.attempts = b.attempt;
            e.commit();
        }
        status = NONE;
        if (b.observed != null) {
            observeCommit();
        }
        Runnable[] toRun = hooks.takeAfterCommit();
        if (toRun != null) {
            Hooks.run(toRun);
        }
    }

    private void endBlock() {
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.END_BLOCK);
        }
        if (status != NONE) {
            // Left by an exception that escaped the loop (a hook, a timeout, an error in the engine).
            releaseHeldLocks();
            releaseEscalation();
            reads.clear();
            writes.clear();
            hooks.clearAll();
            status = NONE;
        }
        if (holdsToken || irrevocable || readerSlot != 0) {
            releaseEscalation();
        }
        BlockState b = blockState;
        if (b.managerState != 0) {
            b.cm.onLeave(this);
            b.managerState = 0;
        }
        if (b.observed != null) {
            BlockObservation o = b.observed;
            b.observed = null;
            o.ended(b.attempt);
        }
        b.reset(); // the attempt's priority went with its escalation (releaseEscalation)
    }

    /** Puts the running block's state, and the attempt's priority, back to their initial state. */
    private void resetBlockState() {
        blockState.reset();
        priority = 0;
    }

    /**
     * Returns this context to "no block running, nothing held", whatever an error left behind:
     * commit locks (undone before the commit point, completed after it: {@link #releaseHeldLocks()}),
     * visible-read marks, the reader slot and the irrevocability token, the logs and hooks, the
     * block's fields. Idempotent, and each step leaves a state from which it can be repeated: if an
     * error interrupts it, the context stays {@link #BROKEN} and the next call repeats it.
     */
    private void recover() {
        status = BROKEN;
        int r = rescue;
        boolean mine = r == RESCUE_NONE || (r == RESCUE_NEEDED && RESCUE.compareAndSet(this, RESCUE_NEEDED, RESCUE_RUNNING));
        if (mine) {
            try {
                releaseHeldLocks();
                releaseEscalation();
            } catch (Throwable e) {
                rescue = RESCUE_NEEDED; // a store: left for a rescuer or the next call
                throw e;
            }
        } else {
            while (rescue == RESCUE_RUNNING) {
                Thread.onSpinWait(); // another thread is releasing what this context held
            }
            if (rescue == RESCUE_NEEDED) {
                recover(); // that thread failed: try again
                return;
            }
        }
        pastCommitPoint = false;
        reads.clear();
        writes.clear();
        hooks.clearAll();
        if (blockState.managerState != 0) {
            try {
                blockState.cm.onLeave(this); // e.g. a gate must not stay closed
            } catch (RuntimeException managerFailure) {
                // the block is already failing with another error; the manager's own is dropped
            }
            blockState.managerState = 0;
        }
        resetBlockState();
        if (rescue != RESCUE_NONE) {
            rescue = RESCUE_NONE;
        }
        if (lastBroken == this) {
            lastBroken = null;
        }
        status = NONE;
    }

    /**
     * Called by a thread that has waited a long time for a lock or the irrevocability token held by
     * context {@code ownerId}: if an error left that context broken — its own thread could not
     * release what it held, for lack of stack, and has gone on without calling the engine again —
     * releases it on that thread's behalf (its locks undone or completed, its token and reader slot
     * given back). One thread does it (a CAS on {@link #rescue}); the owner, when it next calls the
     * engine, waits for it to finish and then clears its own logs.
     */
    static void rescueIfBroken(long ownerId) {
        TxnContext owner = Owners.find(ownerId);
        if (owner == null) {
            TxnContext hint = lastBroken;
            if (hint != null && hint.id == ownerId) {
                owner = hint;
            }
        }
        if (owner == null || owner.rescue != RESCUE_NEEDED
                || !RESCUE.compareAndSet(owner, RESCUE_NEEDED, RESCUE_RUNNING)) {
            return;
        }
        try {
            owner.releaseHeldLocks();
            owner.releaseEscalation();
        } catch (Throwable failure) {
            owner.rescue = RESCUE_NEEDED;
            throw failure;
        }
        owner.rescue = RESCUE_DONE;
    }

    /** After this many rounds of waiting for a lock or the token, a waiter checks whether its owner is broken. */
    private static final int RESCUE_AFTER = 96;

    /** {@link #recover()} on the way out of a failed block; if it fails too, the next call finishes it. */
    private void recoverQuietly() {
        try {
            recover();
        } catch (Throwable again) {
            status = BROKEN; // not reached by recover() only if the error struck before its first store
        }
    }

    /** An error after the commit point: the commit has taken effect (its locks are released); reset the attempt. */
    private void abandonCommittedAttempt() {
        pastCommitPoint = false;
        if (holdsToken || irrevocable || readerSlot != 0) {
            releaseEscalation();
        }
        reads.clear();
        writes.clear();
        hooks.clearAll();
        status = NONE;
    }

    /**
     * Releases the commit locks an error left held: entries {@code [0, lockedWrites)} of the write
     * log whose word is still this context's lock word. Before the commit point ({@code
     * publishVersion == 0}) each gets back the word it had; after it, each is published (value, then
     * the commit's version), since some of the write set may already be visible and the commit
     * must be all or nothing; then the waiters are woken. Progress is recorded entry by entry, so a
     * repeated call resumes where an interrupted one stopped.
     */
    private void releaseHeldLocks() {
        int n = lockedWrites;
        if (n == 0 || LEAK_LOCKS_ON_ERROR) {
            return;
        }
        long wv = publishVersion;
        TVar<?>[] vs = writes.vars;
        long[] olds = writes.oldMetas;
        Object[] values = writes.values;
        for (int i = n - 1; i >= 0; i--) {
            TVar<?> v = vs[i];
            if ((long) Cells.META.getVolatile(v) == lockWord) {
                if (wv != 0) {
                    Cells.VALUE.set(v, values[i]);
                    Cells.META.setRelease(v, wv);
                } else {
                    Cells.META.setRelease(v, olds[i]);
                }
            }
            lockedWrites = i;
        }
        if (wv != 0) {
            wakeWaiters(n);
        }
        publishVersion = 0;
    }

    /**
     * Runs the error paths once while the stack is shallow, so that the classes they use are
     * initialized and their call sites linked before an error needs them. A path that first runs
     * when a {@code StackOverflowError} has left almost no stack would fail in class initialization
     * or linkage — and a class whose initializer failed is unusable for the rest of the JVM's life.
     */
    private static void primeErrorPaths() {
        Object[] touch = {AbortCause.EXCEPTION, ControlSignal.ABORT, AttemptMode.OPTIMISTIC, Events.recording,
            FaultPoints.ENABLED, VisibleReads.anyActive(), Sneaky.class, new Hooks()};
        TVar<Object> probe = new TVar<>(null);
        Object value = touch[0];
        long word = (long) Cells.META.getVolatile(probe);
        Cells.META.compareAndSet(probe, word, word);
        Cells.META.setRelease(probe, word);
        Cells.VALUE.set(probe, value);
        Cells.VALUE.set(probe, touch[touch.length - 1] = null);
        Waiters.wake(probe);
    }

    // =====================================================================================
    // Reads and writes
    // =====================================================================================

    /** {@code TVar.get}: a transactional read, or a single atomic read outside a transaction. */
    @Override
    public Object read(TVar<?> v) {
        if (status != ACTIVE) {
            return readOutside(v);
        }
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.READ);
        }
        if (writes.size != 0) {
            int i = writes.find(v);
            if (i >= 0) {
                Object pending = writes.values[i];
                return pending instanceof Deferred ? ((Deferred) pending).peek(readShared(v)) : pending;
            }
        }
        return readShared(v);
    }

    /** A logged, validated read of the committed value (the write set is not consulted). */
    private Object readShared(TVar<?> v) {
        if (readerSlot != 0) {
            VisibleReads.mark(v, readerSlot);
        }
        for (int spins = 0;;) {
            long m1 = (long) Cells.META.getAcquire(v);
            if ((m1 & Meta.LOCKED) != 0) {
                waitForReadLock(v, m1, spins++);
                continue;
            }
            Object value = Cells.VALUE.getOpaque(v);
            VarHandle.loadLoadFence();
            long m2 = (long) Cells.META.getOpaque(v);
            if (m1 != m2 && Meta.stable(m1) != Meta.stable(m2)) {
                continue;
            }
            reads.add(v, m1);
            long counter = Meta.counter(m1);
            if (counter > rv && (versionSlot == 0 || Meta.slot(m1) != versionSlot)) {
                extend(counter);
            }
            return value;
        }
    }

    private Object readOutside(TVar<?> v) {
        if (status == BROKEN) {
            recover();
        }
        return readNow(v);
    }

    /** Returned by {@link #peekCommitted} for a TVar a commit holds locked. */
    public static final Object LOCKED = new Object() {
        @Override
        public String toString() {
            return "<locked>";
        }
    };

    /**
     * The latest committed value of {@code v} without logging a read or waiting on a lock (for
     * {@code toString} and diagnostics): {@link #LOCKED} while a commit holds it.
     */
    public static Object peekCommitted(TVar<?> v) {
        for (int tries = 0; tries < 64; tries++) {
            long m1 = (long) Cells.META.getAcquire(v);
            if ((m1 & Meta.LOCKED) == 0) {
                Object value = valueIfStable(v, m1);
                if (value != LOCKED) {
                    return value;
                }
            } else {
                Thread.onSpinWait();
            }
        }
        return LOCKED;
    }

    /**
     * The second half of a seqlock read of {@code v}, whose unlocked word {@code m1} was just read:
     * its value if the word is still {@code m1} (up to the waiters bit), else {@link #LOCKED} (retry).
     */
    private static Object valueIfStable(TVar<?> v, long m1) {
        Object value = Cells.VALUE.getOpaque(v);
        VarHandle.loadLoadFence();
        long m2 = (long) Cells.META.getOpaque(v);
        return m1 == m2 || Meta.stable(m1) == Meta.stable(m2) ? value : LOCKED;
    }

    /** A consistent read of one TVar outside any transaction. */
    private static Object readNow(TVar<?> v) {
        for (int spins = 0;;) {
            long m1 = (long) Cells.META.getAcquire(v);
            if ((m1 & Meta.LOCKED) != 0) {
                if (spins >= RESCUE_AFTER) {
                    rescueIfBroken(Meta.owner(m1));
                }
                Backoff.spin(spins++);
                continue;
            }
            Object value = valueIfStable(v, m1);
            if (value != LOCKED) {
                return value;
            }
        }
    }

    private void waitForReadLock(TVar<?> v, long lockedMeta, int spins) {
        waitsFor(v);
        if (spins >= RESCUE_AFTER) {
            rescueIfBroken(Meta.owner(lockedMeta));
        }
        if (!irrevocable && (spins >= Backoff.GIVE_UP
                || !blockState.cm.onLocked(this, Owners.find(Meta.owner(lockedMeta)), spins, false))) {
            abort(AbortCause.READ_LOCKED, v);
        }
        Backoff.spin(spins);
    }

    /** Extends the snapshot to a counter a read met; aborts if a read made so far is no longer current. */
    private void extend(long counter) {
        long newRv = CLOCK.advanceTo(counter);
        if (!irrevocable && !validateReads()) {
            // blame the earlier read that changed (validateReads set it), not v, which was only newer:
            // that is the TVar another commit overwrote, and its writer is the enemy
            abort(AbortCause.READ_CONFLICT, conflictVar);
        }
        rv = newRv;
    }

    /** Whether every logged read is still current (no commit locks it or has replaced it). */
    private boolean validateReads() {
        if (SKIP_VALIDATION) {
            return true;
        }
        TVar<?>[] vs = reads.vars;
        long[] ms = reads.metas;
        for (int i = 0, n = reads.size; i < n; i++) {
            long now = (long) Cells.META.getAcquire(vs[i]);
            if (Meta.stable(now) != Meta.stable(ms[i])) {
                conflictVar = vs[i];
                return false;
            }
        }
        return true;
    }

    /** {@code TVar.set}: a transactional write, or a single atomic write outside a transaction. */
    @Override
    public void write(TVar<?> v, Object value) {
        if (status != ACTIVE) {
            writeOutside(v, value);
            return;
        }
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.WRITE);
        }
        if (blockState.policy.readOnly) {
            throw new IllegalStateException("TVar written in a block configured readOnly");
        }
        writes.put(v, value);
    }

    /**
     * A write whose value is computed at commit from the then-committed value ({@link Deferred}):
     * no read of {@code v} is logged, so two transactions that both defer onto {@code v} do not
     * conflict (a commutative update). Reads of {@code v} later in this transaction see
     * {@link Deferred#peek} of a logged read.
     *
     * @throws IllegalStateException outside a transaction or in a read-only block
     */
    @Override
    public void writeDeferred(TVar<?> v, Deferred value) {
        if (status != ACTIVE) {
            throw new IllegalStateException("a deferred write needs a transaction");
        }
        write(v, value);
        writes.hasDeferred = true;
    }

    /**
     * What this transaction has written to {@code v} and not yet committed (possibly a {@link Deferred}),
     * or {@link #NO_WRITE}. Valid inside a transaction and, for {@link Deferred#resolve}, during its commit.
     */
    @Override
    public Object pendingWrite(TVar<?> v) {
        int i = writes.size == 0 ? -1 : writes.find(v);
        return i < 0 ? NO_WRITE : writes.values[i];
    }

    /** Returned by {@link #pendingWrite} for a TVar the transaction has not written (the face's marker). */
    public static final Object NO_WRITE = Txn.NO_WRITE;

    /**
     * Gives a TVar that nobody else can reach yet a version from a fresh clock tick, as if a commit
     * had written its initial value now, on no thread's version slot. Any transaction whose snapshot
     * is older must then extend (and validate) to read it — even one on the calling thread. For a
     * TVar that replaces another which was retired by a commit (the collections' reclaimed
     * predicates): a new TVar otherwise carries the initial version, which every snapshot accepts.
     */
    public static void stampFresh(TVar<?> unpublished) {
        Cells.META.setRelease(unpublished, Meta.version(CLOCK.tick(), 0, 0));
    }

    /**
     * The committed value of a TVar this committing transaction has locked: only for
     * {@link Deferred#resolve}, which runs while the whole write set is locked.
     */
    @Override
    public Object lockedValue(TVar<?> v) {
        return Cells.VALUE.get(v);
    }

    /** A write outside any transaction (an error while the TVar is locked is repaired in {@link #lockAndPublish}). */
    private void writeOutside(TVar<?> v, Object value) {
        int s = status;
        if (s != NONE) {
            if (s == LENDER) {
                writeLent(v, value);
                return;
            }
            recover();
        }
        writeNow(v, value);
    }

    /** A write outside a block by a thread that holds no context: on one lent for the write. */
    private static void writeLent(TVar<?> v, Object value) {
        TxnContext lent = Contexts.lend();
        try {
            lent.writeOutside(v, value);
        } finally {
            Contexts.giveBack(lent);
        }
    }

    /**
     * A single-TVar commit outside any transaction: {@link #lockAndPublish} whatever version is there.
     */
    private void writeNow(TVar<?> v, Object value) {
        for (int spins = 0;;) {
            long old = (long) Cells.META.getAcquire(v);
            if ((old & Meta.LOCKED) == 0) {
                if (lockAndPublish(v, old, value) == PUBLISHED) {
                    break;
                }
                // CHANGED: another commit came first; YIELDED: a prioritized or irrevocable reader holds
                // v, and a plain write has the lowest priority
            } else if (spins >= RESCUE_AFTER) {
                rescueIfBroken(Meta.owner(old));
            }
            Backoff.spin(spins++);
        }
        int watched = Observers.flags;
        if (watched != 0) {
            observeOutsideCommit(watched, Sites.TVAR_WRITE_OUTSIDE); // no lock is held here
        }
    }

    /** A commit outside any block (a write, a one-step update): the report names it as a winner; listeners hear it. */
    private void observeOutsideCommit(int watched, String what) {
        if ((watched & Observers.REPORT) != 0) {
            BlockObservation o = blockState.observation;
            if (o == null) {
                o = new BlockObservation();
                blockState.observation = o;
            }
            o.committedOutside(what);
        }
        if ((watched & Observers.LISTENERS) != 0) {
            Listeners.commit(1, false);
        }
    }

    /**
     * {@link Txn#updateNow}: a consistent read of {@code v}, the update computed with nothing held,
     * then a CAS of {@code v}'s word from the version read to this context's lock word — which fails
     * if any commit touched {@code v} since — and a publish as in {@link #writeNow}. So the update's
     * value derives from the value it replaces, and no library code runs while the lock is held
     * (only the engine's stores, guarded as in {@link #writeNow}).
     */
    @Override
    public Object updateNow(TVar<?> v, Update update, Object a, Object b) {
        int s = status;
        if (s != NONE) {
            if (s == ACTIVE) {
                throw new IllegalStateException("updateNow is for a TVar outside a transaction");
            }
            if (s == LENDER) {
                TxnContext lent = Contexts.lend();
                try {
                    return lent.updateNow(v, update, a, b);
                } finally {
                    Contexts.giveBack(lent);
                }
            }
            recover();
        }
        for (int spins = 0;;) {
            long old = (long) Cells.META.getAcquire(v);
            if ((old & Meta.LOCKED) != 0) {
                if (spins >= RESCUE_AFTER) {
                    rescueIfBroken(Meta.owner(old));
                }
                Backoff.spin(spins++);
                continue;
            }
            Object current = valueIfStable(v, old);
            if (current == LOCKED) {
                continue;
            }
            Object next = update.apply(current, a, b);
            if (next == NEEDS_TRANSACTION) {
                return next;
            }
            if (next == NO_WRITE) {
                counters.readOnly++;
                if ((Observers.flags & Observers.LISTENERS) != 0) {
                    Listeners.commit(1, true);
                }
                return current;
            }
            if (publishIfUnchanged(v, old, next)) {
                return current;
            }
            Backoff.spin(spins++);
        }
    }

    /**
     * Locks {@code v} if its word is still {@code old} and publishes {@code value} with a new version;
     * false (nothing held) if the word changed or a prioritized reader holds {@code v}.
     */
    private boolean publishIfUnchanged(TVar<?> v, long old, Object value) {
        if (lockAndPublish(v, old, value) != PUBLISHED) {
            return false;
        }
        int watched = Observers.flags;
        if (watched != 0) {
            observeOutsideCommit(watched, Sites.COLLECTION_OPERATION_OUTSIDE); // no lock is held here
        }
        return true;
    }

    /** {@link #lockAndPublish}: {@code v} now holds {@code value} under a new version. */
    private static final int PUBLISHED = 0;
    /** {@link #lockAndPublish}: {@code v}'s word was no longer the one expected; nothing held. */
    private static final int CHANGED = 1;
    /** {@link #lockAndPublish}: a prioritized or irrevocable reader holds {@code v}; unlocked again. */
    private static final int YIELDED = 2;

    /**
     * The one-TVar commit outside a block, shared by {@link #writeNow} and {@link #publishIfUnchanged}:
     * CAS {@code v}'s word from {@code old} to this context's lock word, then {@link #publishLocked}.
     *
     * <p><b>Errors while the lock is held</b> are repaired here, in the frame that took the lock: its
     * handler covers every call made while {@code v} is locked — including a {@code StackOverflowError}
     * raised on entry to a callee, before any handler of the callee's own covers anything, which is why
     * the handler cannot live in the callee (a lock leaked that way: seen with every thread borrowing,
     * and {@code ErrorInjectionTest} strikes there, at {@code WRITE_NOW_LOCKED}). The handler records the
     * lock in entry 0 of the (otherwise unused) write log and in {@link #lockedWrites} with stores only,
     * which cannot fail for lack of stack; {@link #publishVersion} says whether the commit point had
     * passed (set by {@link #publishLocked}'s handler, else 0, its value whenever no error is being
     * repaired); then it marks the context broken, so that if the release below fails too, the thread's
     * next call or a waiter ({@link #rescueIfBroken}) finishes it. The release touches only a word that
     * is still this context's lock word, so an error after the lock was released or published (waking
     * waiters) releases nothing.
     *
     * @return {@link #PUBLISHED}, {@link #CHANGED} or {@link #YIELDED}
     */
    private int lockAndPublish(TVar<?> v, long old, Object value) {
        if (!Cells.META.compareAndSet(v, old, lockWord)) {
            return CHANGED;
        }
        try {
            if (FaultPoints.ENABLED) {
                FaultPoints.hit(FaultPoints.Point.WRITE_NOW_LOCKED);
            }
            return publishLocked(v, old, value) ? PUBLISHED : YIELDED;
        } catch (Throwable t) {
            WriteLog log = writes;
            log.vars[0] = v;
            log.oldMetas[0] = old;
            log.values[0] = value;
            lockedWrites = 1;
            status = BROKEN; // stores cannot overflow the stack; the call below can (see execute)
            lastBroken = this;
            rescue = RESCUE_NEEDED;
            recoverQuietly();
            throw t;
        }
    }

    /**
     * {@link #lockAndPublish}'s step with {@code v} locked by this context (its word was {@code old}):
     * yields to a prioritized or irrevocable reader (unlocks, false), or takes a version and
     * publishes {@code value} (true). If an error escapes past the commit point, its handler leaves the
     * version in {@link #publishVersion}, so that the repair completes the write instead of undoing it.
     */
    private boolean publishLocked(TVar<?> v, long old, Object value) {
        long wv = 0;
        try {
            if (VisibleReads.anyActive() && VisibleReads.readersOf(v, 0) != 0) {
                Cells.META.setRelease(v, old);
                return false;
            }
            wv = CLOCK.commitVersion(clockCursor); // the commit point: from here an error completes the write
            Cells.VALUE.set(v, value);
            if (FaultPoints.ENABLED) {
                FaultPoints.hit(FaultPoints.Point.WRITE_NOW_PUBLISHING);
            }
            Cells.META.setRelease(v, wv);
            counters.updates++;
            if ((old & Meta.WAITERS) != 0) {
                Waiters.wake(v);
            }
            return true;
        } catch (Throwable t) {
            publishVersion = wv;
            throw t;
        }
    }

    // =====================================================================================
    // Commit
    // =====================================================================================

    private void commit() {
        int n = writes.size;
        if (n != 0) {
            commitUpdate(n);
            pastCommitPoint = true; // published: an error from here on must not count as an abort
        }
        BlockState b = blockState;
        if (b.mode != AttemptMode.OPTIMISTIC || holdsToken) { // holdsToken: becomeIrrevocable() in this attempt
            irrevocableAtCommit = irrevocable;
            releaseEscalation();
        }
        if (b.longEvent != null) {
            b.longEvent.reads = reads.size;
            b.longEvent.writes = n;
        }
        writesAtCommit = n;
        reads.clear();
        if (n != 0) {
            writes.clear();
        }
    }

    /**
     * Locks, validates and publishes the write set. If an error strikes anywhere between the first
     * lock and the last unlock (this method calls into the clock, the contention manager, deferred
     * writes and the waiters), the handler records in {@link #lockedWrites} and
     * {@link #publishVersion} what may be held and whether the commit point had passed, and
     * {@link #releaseHeldLocks()} repairs it: the write set unlocked unchanged, or completely
     * published. The fast path records nothing.
     */
    private void commitUpdate(int n) {
        long wv = 0;
        boolean publishing = false;
        try {
            lockWriteSet(n); // on failure it released what it took and aborted
            if (FaultPoints.ENABLED) {
                FaultPoints.hit(FaultPoints.Point.COMMIT_LOCKED);
            }
            TVar<?> conflict = null;
            AbortCause cause = null;
            if (!irrevocable && VisibleReads.anyActive() && (conflict = higherPriorityReader(n)) != null) {
                cause = AbortCause.PRIORITY_READER;
            }
            if (cause == null) {
                wv = CLOCK.commitVersion(clockCursor);
                if (!irrevocable && !validateReadsHoldingLocks()) {
                    cause = AbortCause.VALIDATION;
                    conflict = conflictVar;
                }
            }
            if (cause != null) {
                releaseLocks(n);
                abort(cause, conflict);
            }
            if (FaultPoints.ENABLED) {
                FaultPoints.hit(FaultPoints.Point.COMMIT_VALIDATED);
            }
            if (writes.hasDeferred) {
                resolveDeferred(n);
            }
            publishing = true; // the commit point: from here an error completes the commit
            writeBack(n, wv);
            if (FaultPoints.ENABLED) {
                FaultPoints.hit(FaultPoints.Point.COMMIT_WAKE);
            }
            wakeWaiters(n);
        } catch (ControlSignal abort) {
            throw abort; // an ordinary abort: whatever was locked has been released
        } catch (Throwable t) {
            // Stores only (they cannot fail for lack of stack): what is held, and whether it is past the commit point.
            lockedWrites = n;
            if (publishing) {
                publishVersion = wv;
                pastCommitPoint = true;
            }
            throw t;
        }
    }

    /**
     * Locks the write set in log order, or releases what it took and aborts. Log order is not a
     * global order, so while holding locks it waits only briefly for another (see
     * {@link Backoff#GIVE_UP_HOLDING_LOCKS}): two committers locking in opposite orders cannot stall.
     */
    private void lockWriteSet(int n) {
        TVar<?>[] vs = writes.vars;
        long[] olds = writes.oldMetas;
        for (int i = 0; i < n; i++) {
            TVar<?> v = vs[i];
            for (int spins = 0;;) {
                long m = (long) Cells.META.getAcquire(v);
                if ((m & Meta.LOCKED) == 0) {
                    if (Cells.META.compareAndSet(v, m, lockWord)) {
                        olds[i] = m;
                        break;
                    }
                    continue;
                }
                if (spins >= RESCUE_AFTER) {
                    rescueIfBroken(Meta.owner(m));
                }
                waitsFor(v);
                if (!irrevocable && (spins >= (i == 0 ? Backoff.GIVE_UP : Backoff.GIVE_UP_HOLDING_LOCKS)
                        || !askManagerHoldingLocks(m, spins))) {
                    releaseLocks(i);
                    abort(AbortCause.WRITE_LOCKED, v);
                }
                Backoff.spin(spins++);
            }
            if (FaultPoints.ENABLED && i + 1 < n) {
                FaultPoints.hit(FaultPoints.Point.COMMIT_LOCKING);
            }
        }
    }

    /** {@code cm.onLocked} at commit; if the manager throws, the {@code held} locks are released first. */
    private boolean askManagerHoldingLocks(long lockedMeta, int spins) {
        return blockState.cm.onLocked(this, Owners.find(Meta.owner(lockedMeta)), spins, true); // if it throws, recovery unlocks
    }

    private void releaseLocks(int count) {
        TVar<?>[] vs = writes.vars;
        long[] olds = writes.oldMetas;
        for (int i = 0; i < count; i++) {
            Cells.META.setRelease(vs[i], olds[i]);
        }
    }

    /** A written TVar that a reader this commit must yield to has read visibly, or null. */
    private TVar<?> higherPriorityReader(int n) {
        TVar<?>[] vs = writes.vars;
        for (int i = 0; i < n; i++) {
            long readers = VisibleReads.readersOf(vs[i], readerSlot);
            while (readers != 0) {
                int r = Long.numberOfTrailingZeros(readers);
                readers &= readers - 1;
                if (r == VisibleReads.IRREVOCABLE_SLOT
                        ? !IGNORE_IRREVOCABLE
                        : blockState.cm.yieldsTo(this, VisibleReads.ownerOf(r), VisibleReads.priorityOf(r))) {
                    yieldedTo = r == VisibleReads.IRREVOCABLE_SLOT ? null : VisibleReads.ownerOf(r);
                    return vs[i];
                }
            }
        }
        return null;
    }

    /** Commit-time validation: a TVar this commit has locked is checked against the word it replaced. */
    private boolean validateReadsHoldingLocks() {
        if (SKIP_VALIDATION) {
            return true;
        }
        TVar<?>[] vs = reads.vars;
        long[] ms = reads.metas;
        for (int i = 0, n = reads.size; i < n; i++) {
            long now = (long) Cells.META.getAcquire(vs[i]);
            if (now == lockWord) {
                now = writes.oldMetas[writes.find(vs[i])];
            }
            if (Meta.stable(now) != Meta.stable(ms[i])) {
                conflictVar = vs[i];
                return false;
            }
        }
        return true;
    }

    /** Replaces each deferred value by its result, in log order, with the write set locked and valid. */
    private void resolveDeferred(int n) {
        TVar<?>[] vs = writes.vars;
        Object[] values = writes.values;
        for (int i = 0; i < n; i++) {
            if (values[i] instanceof Deferred) {
                values[i] = ((Deferred) values[i]).resolve(Cells.VALUE.get(vs[i]), this);
            }
        }
    }

    private void writeBack(int n, long wv) {
        TVar<?>[] vs = writes.vars;
        Object[] values = writes.values;
        for (int i = 0; i < n; i++) {
            TVar<?> v = vs[i];
            Cells.VALUE.set(v, values[i]);
            Cells.META.setRelease(v, wv);
            if (FaultPoints.ENABLED && i + 1 < n) {
                FaultPoints.hit(FaultPoints.Point.COMMIT_WRITE_BACK);
            }
        }
    }

    private void wakeWaiters(int n) {
        if (LOST_WAKEUP) {
            return;
        }
        long[] olds = writes.oldMetas;
        for (int i = 0; i < n; i++) {
            if ((olds[i] & Meta.WAITERS) != 0) {
                Waiters.wake(writes.vars[i]);
            }
        }
    }

    // =====================================================================================
    // Aborts, rollback, retry
    // =====================================================================================

    private void abort(AbortCause cause, TVar<?> v) {
        blockState.abortCause = cause;
        conflictVar = v;
        waitingFor = null;
        blockState.abortEnemy = cause == AbortCause.PRIORITY_READER ? yieldedTo : enemyOf(v);
        throw ControlSignal.ABORT;
    }

    /**
     * Undoes the attempt: logs, visible marks, token, hooks; counts and reports the abort; then runs
     * the attempt's afterAbort hooks. A hook's exception propagates (the block is abandoned).
     */
    private void rollbackAttempt() {
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.ROLLBACK);
        }
        BlockState b = blockState;
        AbortCause cause = b.abortCause;
        b.karma += reads.size + writes.size;
        b.abortedReads = reads.size;
        b.abortedWrites = writes.size;
        int readCount = reads.size;
        int writeCount = writes.size;
        releaseEscalation();
        reads.clear();
        writes.clear();
        TVar<?> var = conflictVar;
        conflictVar = null;
        status = NONE;
        counters.abort(cause);
        if (b.observed != null || Events.recording) {
            observeAbort(cause, var, readCount, writeCount);
        }
        Runnable[] toRun = hooks.takeAfterAbort();
        if (toRun != null) {
            runHooksKeepingBlock(toRun);
        }
    }

    /**
     * Runs afterAbort hooks between two attempts of the running block. A hook runs outside any
     * transaction, so an {@code atomic} inside it is a new top-level block on this same context: it
     * runs on a state of its own ({@link BlockState#forNestedBlock}, reused from the last time), and
     * the running block's state comes back untouched when the hooks are done.
     */
    private void runHooksKeepingBlock(Runnable[] toRun) {
        BlockState running = blockState;
        blockState = running.forNestedBlock();
        try {
            Hooks.run(toRun);
        } finally {
            blockState = running;
            status = NONE;
        }
    }

    /** Clears visible-read marks, gives back the reader slot and the irrevocability token. */
    private void releaseEscalation() {
        int slot = readerSlot;
        if (slot != 0) {
            TVar<?>[] vs = reads.vars;
            for (int i = 0, n = reads.size; i < n; i++) {
                VisibleReads.unmark(vs[i], slot);
            }
            readerSlot = 0;
            VisibleReads.release(slot);
        }
        irrevocable = false;
        irrevocableRequested = false;
        priority = 0;
        if (holdsToken) {
            holdsToken = false;
            LINE.releaseToken(id);
        }
    }

    /** {@code Stm.retry()}. */
    public void retry() {
        if (status != ACTIVE) {
            throw new IllegalStateException("Stm.retry() called outside a transaction");
        }
        if (irrevocableRequested) {
            throw new IllegalStateException("Stm.retry() after Stm.becomeIrrevocable() (or in a block configured"
                    + " irrevocable): the transaction may have done I/O, so it cannot be rolled back to wait");
        }
        blockState.abortCause = AbortCause.RETRY;
        throw ControlSignal.RETRY;
    }

    /**
     * After {@code retry}: register on every TVar read, park until one of them changes, roll back.
     * Re-runs at once if a read is already stale.
     */
    private void awaitChange() {
        int n = reads.size;
        if (n == 0) {
            blockState.abortCause = AbortCause.RETRY;
            rollbackAttempt();
            throw new IllegalStateException("Stm.retry() in a transaction that read no TVar would wait forever");
        }
        TVar<?>[] vars = java.util.Arrays.copyOf(reads.vars, n);
        long[] metas = java.util.Arrays.copyOf(reads.metas, n);
        Waiters.Node node = new Waiters.Node();
        int registered = 0;
        boolean stale = false;
        try {
            while (registered < n && !stale) {
                Waiters.register(vars[registered], node);
                stale = !Waiters.markWaiting(vars[registered], metas[registered]);
                registered++;
            }
            if (FaultPoints.ENABLED) {
                FaultPoints.hit(FaultPoints.Point.RETRY_REGISTERED);
            }
            blockState.abortCause = AbortCause.RETRY;
            rollbackAttempt(); // stops blocking writers (visible marks, token) and runs afterAbort hooks
            if (blockState.managerState != 0) {
                blockState.cm.onLeave(this); // e.g. a gate must not stay closed while this block waits
            }
            if (!stale) {
                if (blockState.observed == null) {
                    Waiters.park(node, blockState.deadline, this);
                } else {
                    long parked = System.nanoTime();
                    try {
                        Waiters.park(node, blockState.deadline, this);
                    } finally {
                        observeResume(System.nanoTime() - parked);
                    }
                }
            }
        } finally {
            for (int i = 0; i < registered; i++) {
                Waiters.unregister(vars[i], node);
            }
        }
    }

    // =====================================================================================
    // Irrevocability
    // =====================================================================================

    /** {@code Stm.becomeIrrevocable()}. */
    public void becomeIrrevocable() {
        if (status != ACTIVE) {
            throw new IllegalStateException("Stm.becomeIrrevocable() called outside a transaction");
        }
        if (irrevocable) {
            irrevocableRequested = true;
            return;
        }
        if (!holdsToken) {
            if (!LINE.tryTakeToken(id)) {
                abort(AbortCause.IRREVOCABLE_UPGRADE, null); // the next attempt waits for the token
            }
            holdsToken = true;
        }
        if (FaultPoints.ENABLED) {
            FaultPoints.hit(FaultPoints.Point.IRREVOCABLE_UPGRADE);
        }
        int old = readerSlot;
        VisibleReads.acquireIrrevocable(this);
        readerSlot = VisibleReads.IRREVOCABLE_SLOT;
        TVar<?>[] vs = reads.vars;
        for (int i = 0, n = reads.size; i < n; i++) {
            VisibleReads.mark(vs[i], VisibleReads.IRREVOCABLE_SLOT);
        }
        if (old != 0) {
            for (int i = 0, n = reads.size; i < n; i++) {
                VisibleReads.unmark(vs[i], old);
            }
            VisibleReads.release(old);
        }
        if (!validateReads()) {
            abort(AbortCause.IRREVOCABLE_UPGRADE, conflictVar);
        }
        irrevocable = true;
        irrevocableRequested = true;
        if (blockState.observed != null && blockState.observed.listening()) {
            Listeners.irrevocable();
        }
    }

    /** Whether the running transaction is irrevocable. */
    public boolean irrevocable() {
        return irrevocable;
    }

    // =====================================================================================
    // Hooks
    // =====================================================================================

    /**
     * Whether the afterAbort hooks now running on this thread roll back a block that is being
     * abandoned because it threw (so it will not run again), rather than an attempt that will be
     * re-run (a conflict) or that waits ({@code retry}). For collections that give back, in such a
     * hook, capacity the abandoned block grew: doing it for an attempt that re-runs would only make
     * it grow again, and for a {@code retry} would wake it.
     */
    @Override
    public boolean abandoningBlock() {
        BlockState hooksOf = blockState.outer; // while hooks run, the context is on their block's nested state
        return hooksOf != null && hooksOf.abandoning;
    }

    /** {@code Stm.afterCommit}. */
    @Override
    public void afterCommit(Runnable hook) {
        requireActive("afterCommit");
        hooks.addAfterCommit(hook);
    }

    /** {@code Stm.afterAbort}. */
    @Override
    public void afterAbort(Runnable hook) {
        requireActive("afterAbort");
        hooks.addAfterAbort(hook);
    }

    private void requireActive(String what) {
        if (status != ACTIVE) {
            throw new IllegalStateException("Stm." + what + "() called outside a transaction");
        }
    }

    // =====================================================================================
    // TxnView
    // =====================================================================================

    @Override
    public long id() {
        return id;
    }

    @Override
    public int attempt() {
        return blockState.attempt;
    }

    @Override
    public int consecutiveAborts() {
        return blockState.consecutiveAborts;
    }

    @Override
    public long ticket() {
        return blockState.ticket;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public long karma() {
        return blockState.karma + reads.size + writes.size;
    }

    @Override
    public int readCount() {
        return status == NONE ? blockState.abortedReads : reads.size;
    }

    @Override
    public int writeCount() {
        return status == NONE ? blockState.abortedWrites : writes.size;
    }

    @Override
    public AttemptMode mode() {
        return blockState.mode;
    }

    @Override
    public long managerState() {
        return blockState.managerState;
    }

    @Override
    public void managerState(long state) {
        blockState.managerState = state;
    }

    // ---- observation: the conflict report and listeners (issue 15); off the fast path but for
    // ---- one static read per block (Observers.flags) and a null check per commit and block end;
    // ---- the observation lives in the BlockState, so a block run from a hook observes into its own
    /** Starts observing the running block, in its state's reusable observation. */
    private void observe(int watched, Object block) {
        BlockObservation o = blockState.observation;
        if (o == null) {
            o = new BlockObservation();
            blockState.observation = o;
        }
        o.start(watched, block);
        blockState.observed = o;
    }

    /** The observation of the block {@code enemy} runs, or null if it is not observed. */
    private static BlockObservation observationOf(TxnView enemy) {
        return enemy instanceof TxnContext ? ((TxnContext) enemy).blockState.observation : null;
    }

    private void observeAbort(AbortCause cause, TVar<?> var, int readCount, int writeCount) {
        BlockObservation o = blockState.observed;
        if (o != null) {
            TxnView enemy = blockState.abortEnemy;
            boolean enemyCommitted = enemy instanceof TxnContext && var != null
                    && (((long) Cells.META.getAcquire(var)) & Meta.LOCKED) == 0;
            o.aborted(cause, var, observationOf(enemy), enemyCommitted);
            if (o.listening()) {
                Listeners.abort(cause, blockState.attempt);
            }
        }
        if (Events.recording) {
            Events.AbortEvent e = new Events.AbortEvent();
            e.cause = cause.name();
            e.attempt = blockState.attempt;
            e.tvar = var == null ? null : TVarNames.describe(var);
            e.structure = var == null ? null : ConflictRecorder.describe(var);
            e.site = o != null ? o.siteOrWalk() : Sites.current();
            BlockObservation w = observationOf(blockState.abortEnemy);
            e.winnerSite = w == null ? null : w.lastKnownSite();
            e.reads = readCount;
            e.writes = writeCount;
            e.commit();
        }
    }

    private void observeCommit() {
        BlockObservation o = blockState.observed;
        o.committed();
        if (o.listening()) {
            Listeners.commit(blockState.attempt, writesAtCommit == 0);
            if (o.timesLongTransactions()) {
                long took = o.elapsedNanos();
                Listeners.longTransaction(took, blockState.attempt);
            }
        }
    }

    private void observeResume(long waitedNanos) {
        BlockObservation o = blockState.observed;
        o.resumed();
        if (o.listening()) {
            Listeners.retryWait(waitedNanos);
        }
    }

    // ---- what the SPI tells a manager beyond the counters above (issue 18); off the fast path except
    // ---- the two stores of startBlock (and a clock read there, only for managers that ask for it)
    /** Records the lock this attempt waits for, for {@link #waiting()} as seen by other threads. */
    private void waitsFor(TVar<?> v) {
        waitingFor = v;
        waitingBlock = blockState.blockSequence;
        waitingAttempt = blockState.attempt;
    }

    /** The committer that holds {@code v}'s lock, else the one whose version {@code v} holds; null if unknown. */
    private TxnContext enemyOf(TVar<?> v) {
        if (v == null) {
            return null;
        }
        long m = (long) Cells.META.getAcquire(v);
        TxnContext enemy;
        if ((m & Meta.LOCKED) != 0) {
            enemy = Owners.find(Meta.owner(m));
        } else {
            int slot = Meta.slot(m);
            enemy = slot == 0 ? null : Owners.find(SLOT_OWNERS[slot]);
        }
        return enemy == this ? null : enemy;
    }

    @Override
    public long startNanos() {
        BlockPolicy p = blockState.policy;
        return p != null && p.recordsStartTime ? blockState.startNanos : Long.MIN_VALUE;
    }

    @Override
    public long blockSequence() {
        return blockState.blockSequence;
    }

    @Override
    public boolean waiting() {
        TVar<?> v = waitingFor;
        if (v == null || waitingBlock != blockState.blockSequence || waitingAttempt != blockState.attempt || status != ACTIVE) {
            return false;
        }
        long m = (long) Cells.META.getAcquire(v);
        return (m & Meta.LOCKED) != 0 && m != lockWord;
    }

    /** Process-wide statistics. */
    public static Counters.Totals statistics() {
        return Counters.snapshot();
    }

    @Override
    public String toString() {
        return "TxnContext[id=" + id + ", attempt=" + blockState.attempt + ", mode=" + blockState.mode + ", reads=" + reads.size
                + ", writes=" + writes.size + "]";
    }
}
