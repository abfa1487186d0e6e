package org.stm4j;

import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.stm4j.internal.Counters;
import org.stm4j.internal.TxnContext;
import org.stm4j.internal.report.ConflictRecorder;
import org.stm4j.internal.report.Listeners;
import org.stm4j.spi.ContentionManagers;

/**
 * Atomic blocks and the operations available inside them.
 *
 * <!-- snippet: stm-core/src/test/java/org/stm4j/docs/CoreSnippetsTest.java#javadoc-stm -->
 * <pre>{@code
 * import static org.stm4j.Stm.atomic;
 * TVar<Integer> from = new TVar<>(100), to = new TVar<>(0);
 * atomic(() -> {                       // no result
 *     from.set(from.get() - 10);
 *     to.set(to.get() + 10);
 * });
 * int total = atomic(() -> from.get() + to.get());   // with a result
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 *   <li>A block runs as a transaction: its reads see one consistent snapshot, even in an attempt
 *       that will later abort (opacity), and its writes become visible all at once when it commits.
 *       On a conflict it is rolled back and re-run, so it must have no side effects other than
 *       TVar writes; use {@link #afterCommit(Runnable)} for output and
 *       {@link #becomeIrrevocable()} before input that must not be repeated.</li>
 *   <li>An exception thrown by the block aborts the transaction (none of its writes become visible)
 *       and propagates to the caller unchanged, checked exceptions thrown sneakily included. The
 *       block is not re-run.</li>
 *   <li>A nested {@code atomic} joins the enclosing transaction (flat nesting); if the nested block
 *       throws, its own writes are undone before the exception reaches the enclosing block.</li>
 *   <li>Every block eventually commits, under any contention manager: past its attempt limit
 *       ({@link TxnConfig#maxAttempts()}) a block runs irrevocably.</li>
 * </ul>
 * The engine signals aborts and {@code retry} with preallocated {@link Error}s; do not catch
 * {@code Throwable} or {@code Error} inside a block (or rethrow what you did not expect).
 *
 * <p><b>Memory consistency effects:</b> actions of a committed transaction happen-before the
 * actions of every transaction that later reads a value it wrote, and before its
 * {@link #afterCommit(Runnable)} hooks.
 */
public final class Stm {

    private static volatile TxnConfig defaultConfig;

    static {
        ConflictRecorder.exitPrinter(() -> conflicts().format(20));
        // the collections' face (org.stm4j.access.Txn.run) starts top-level blocks with this policy
        TxnContext.defaultPolicyFrom(() -> defaultConfig().policy());
    }

    private Stm() {
    }

    /**
     * Runs {@code block} as a transaction with the {@linkplain #defaultConfig() default configuration},
     * re-running it on conflict until it commits.
     *
     * <p><b>Memory consistency effects:</b> actions in the thread before the call happen-before the
     * block's actions; a commit happens-before every later transaction (or non-transactional read)
     * that reads a value it wrote, and before the block's {@code afterCommit} hooks.
     *
     * @param block the transaction's code; must have no side effects other than TVar writes
     * @throws NullPointerException if {@code block} is null
     */
    public static void atomic(Runnable block) {
        Objects.requireNonNull(block, "block");
        TxnContext.current().execute(defaultConfig().policy(), block, false);
    }

    /**
     * Runs {@code block} as a transaction and returns its result; see {@link #atomic(Runnable)}
     * (memory consistency effects included).
     *
     * @param <T>   the type of the result
     * @param block the transaction's code; must have no side effects other than TVar writes
     * @return what {@code block} returned in the attempt that committed
     * @throws NullPointerException if {@code block} is null
     */
    @SuppressWarnings("unchecked")
    public static <T extends @Nullable Object> T atomic(Supplier<T> block) {
        Objects.requireNonNull(block, "block");
        return (T) TxnContext.current().execute(defaultConfig().policy(), block, true);
    }

    /**
     * Runs {@code block} as a transaction with {@code config}. Memory consistency effects as
     * {@link #atomic(Runnable)}.
     *
     * <p><b>Nested.</b> Inside a running transaction the block joins it (flat nesting), so the
     * settings that describe a whole transaction cannot change there: a {@code config} whose
     * contention manager (by class), attempt limit, policy past that limit or timeout differ from
     * the running block's is refused with {@link IllegalStateException} before the block runs.
     * {@link TxnConfig#readOnly() readOnly} is honoured (a write inside the nested block throws
     * {@code IllegalStateException}), and so is {@link TxnConfig#irrevocable() irrevocable} (the
     * transaction becomes irrevocable where the nested block starts, as by
     * {@link #becomeIrrevocable()}).
     *
     * @param config how to run the block (contention manager, attempt limit, timeout, ...)
     * @param block  the transaction's code
     * @throws NullPointerException        if an argument is null
     * @throws TooManyAttemptsException    if {@code config} says to give up past its attempt limit
     * @throws TransactionTimeoutException if {@code config}'s timeout passes
     * @throws IllegalStateException       nested in a transaction whose settings {@code config} would change
     */
    public static void atomic(TxnConfig config, Runnable block) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(block, "block");
        TxnContext.current().executeConfigured(config.policy(), block, false);
    }

    /**
     * Runs {@code block} as a transaction with {@code config} and returns its result; see
     * {@link #atomic(TxnConfig, Runnable)}.
     *
     * @param <T>    the type of the result
     * @param config how to run the block
     * @param block  the transaction's code
     * @return what {@code block} returned in the attempt that committed
     * @throws NullPointerException        if an argument is null
     * @throws TooManyAttemptsException    if {@code config} says to give up past its attempt limit
     * @throws TransactionTimeoutException if {@code config}'s timeout passes
     * @throws IllegalStateException       nested in a transaction whose settings {@code config} would change
     */
    @SuppressWarnings("unchecked")
    public static <T extends @Nullable Object> T atomic(TxnConfig config, Supplier<T> block) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(block, "block");
        return (T) TxnContext.current().executeConfigured(config.policy(), block, true);
    }

    /**
     * Abandons this attempt and blocks until some TVar it read has changed, then runs the block
     * again (Haskell's {@code retry}). Blocking parks the thread (virtual threads unmount).
     *
     * @throws IllegalStateException      outside a transaction, in an irrevocable one, or when the
     *                                    transaction has read no TVar (it would wait forever)
     * @throws RetryInterruptedException  if the thread is interrupted while waiting
     * @throws TransactionTimeoutException if the block's timeout passes while waiting
     */
    public static void retry() {
        TxnContext.current().retry();
    }

    /**
     * Runs {@code first}; if it calls {@link #retry()}, undoes its writes and runs {@code second}
     * instead. If both retry, the enclosing transaction waits for a change to anything either branch
     * read. Outside a transaction the whole choice runs as one.
     *
     * <p><b>Memory consistency effects:</b> those of the enclosing transaction; the undone writes of
     * {@code first} are never visible to anyone.
     *
     * @param <T>    the type of the result
     * @param first  the preferred alternative
     * @param second the alternative run when {@code first} retries
     * @return the result of the alternative that did not retry
     * @throws NullPointerException if an argument is null
     */
    public static <T extends @Nullable Object> T orElse(Supplier<T> first, Supplier<T> second) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        TxnContext tx = TxnContext.current();
        if (!tx.active()) {
            return atomic(() -> TxnContext.current().orElse(first, second));
        }
        return tx.orElse(first, second);
    }

    /**
     * Registers {@code hook} to run once after the current transaction commits (read-only commits
     * too), outside the transaction: a transaction it starts is a new top-level one. Hooks of
     * attempts that were rolled back never run. If a hook throws, the commit stands, the remaining
     * hooks still run, and the exception reaches the caller of {@code atomic}.
     *
     * <p><b>Memory consistency effects:</b> the commit happens-before the hook runs.
     *
     * @param hook the action, typically output
     * @throws NullPointerException  if {@code hook} is null
     * @throws IllegalStateException outside a transaction
     */
    public static void afterCommit(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        TxnContext.current().afterCommit(hook);
    }

    /**
     * Registers {@code hook} to run each time the current attempt is rolled back, whatever the cause
     * (conflict, {@code retry}, exception), after the rollback and outside the transaction (an
     * {@code atomic} inside the hook is a new top-level transaction). If a hook throws while the
     * block's own exception is propagating, the hook's exception is added to it as suppressed;
     * otherwise the hook's exception propagates to the caller of {@code atomic} and the block is not
     * re-run (nothing it wrote became visible).
     *
     * <p><b>Nested blocks and {@code orElse} branches.</b> A hook belongs to the code that registered
     * it. If a nested {@code atomic} throws, or an {@code orElse} branch retries or throws, that part
     * is rolled back: its afterCommit hooks are dropped and its afterAbort hooks run once when the
     * attempt ends — after the commit, if the enclosing block catches the exception (or the other
     * branch succeeds) and commits; with the other afterAbort hooks, if the attempt is rolled back.
     *
     * <p><b>Order.</b> Hooks of one kind run in registration order. At a commit, the afterAbort hooks
     * of rolled-back nested parts run first, then the afterCommit hooks. Every hook runs even if an
     * earlier one throws; the first exception propagates, later ones are added to it as suppressed.
     *
     * <p><b>Errors in the engine.</b> A {@code StackOverflowError} or {@code OutOfMemoryError} that
     * strikes inside the engine after the commit point (while publishing or waking waiters) does not
     * undo the commit: it is completed, no hooks run, and the error propagates.
     *
     * @param hook the action
     * @throws NullPointerException  if {@code hook} is null
     * @throws IllegalStateException outside a transaction
     */
    public static void afterAbort(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        TxnContext.current().afterAbort(hook);
    }

    /**
     * From this point the current transaction is guaranteed to commit and will not be re-run, so
     * it may perform I/O. Other transactions keep running; only those that would overwrite what this
     * one has read wait for it. At most one transaction is irrevocable at a time: if another is, or
     * if something this transaction read has meanwhile changed, the block restarts at once,
     * irrevocable from its beginning (so code before this call may run twice; code after it runs once).
     *
     * @throws IllegalStateException outside a transaction
     */
    public static void becomeIrrevocable() {
        TxnContext.current().becomeIrrevocable();
    }

    /**
     * Whether the calling thread runs an irrevocable transaction.
     *
     * @return true inside a transaction that is irrevocable (chosen or by escalation)
     */
    public static boolean isIrrevocable() {
        TxnContext tx = TxnContext.current();
        return tx.active() && tx.irrevocable();
    }

    /**
     * Whether the calling thread is inside an atomic block (not in its afterCommit hooks).
     *
     * @return true inside an atomic block
     */
    public static boolean inTransaction() {
        return TxnContext.current().active();
    }

    /**
     * The process-wide default configuration. Initially the built-in defaults with the contention
     * manager named by the system property {@code stm4j.contentionManager}, if set.
     *
     * @return the configuration of blocks run without one
     * @throws IllegalArgumentException if that property names no known contention manager
     */
    public static TxnConfig defaultConfig() {
        TxnConfig c = defaultConfig;
        if (c == null) {
            c = initialDefault();
        }
        return c;
    }

    private static synchronized TxnConfig initialDefault() {
        TxnConfig c = defaultConfig;
        if (c == null) {
            TxnConfig.Builder b = TxnConfig.builder();
            String name = System.getProperty("stm4j.contentionManager");
            if (name != null && !name.isBlank()) {
                b.contentionManager(ContentionManagers.named(name));
            }
            c = b.build();
            defaultConfig = c;
        }
        return c;
    }

    /**
     * Replaces the process-wide default configuration (for blocks that start afterwards).
     *
     * @param config the new default
     * @throws NullPointerException if {@code config} is null
     */
    public static void setDefaultConfig(TxnConfig config) {
        defaultConfig = Objects.requireNonNull(config, "config");
    }

    /**
     * Process-wide statistics: commits, aborts by cause, retries, irrevocable runs. Cheap enough to
     * leave on: counters are per transaction context (one per platform thread, or per running block
     * on a virtual thread) and summed here.
     *
     * @return a snapshot of the counters since the JVM started
     */
    public static StmStats stats() {
        Counters.Totals t = TxnContext.statistics();
        return new StmStats(t.commits, t.readOnlyCommits, t.irrevocableRuns, t.aborts, Listeners.failures());
    }

    /**
     * The conflict report so far: which blocks abort, against which, on which structure and key
     * (see {@link ConflictReport}). Empty while the report has been off.
     *
     * @return a snapshot
     */
    public static ConflictReport conflicts() {
        return ConflictReport.of(ConflictRecorder.snapshot());
    }

    /** Forgets what the conflict report recorded so far (whether it is on does not change). */
    public static void resetConflicts() {
        ConflictRecorder.reset();
    }

    /**
     * Turns the conflict report on or off ({@code -Dstm4j.conflictReport=true} turns it on at start
     * and prints it to standard error at JVM exit). Off, the engine records nothing: its only cost is
     * one flag read per block. On, a block that commits first time costs a class comparison and a
     * few plain stores (2–4 ns measured), and each abort a clock read and a few map and counter
     * updates (docs/performance.md has the measured costs). Blocks
     * already running keep the setting they started with; collections describe their keys and
     * indexes only if built while the report is on.
     *
     * @param on whether to record
     */
    public static void setConflictReporting(boolean on) {
        ConflictRecorder.setEnabled(on);
    }

    /**
     * Whether the conflict report is on.
     *
     * @return true if recording
     */
    public static boolean isConflictReporting() {
        return ConflictRecorder.isEnabled();
    }

    /**
     * Registers a listener for the engine's events, process-wide (see {@link StmListener} for when it
     * is called, what it costs and what happens if it throws). Registering the same listener twice
     * has no further effect. Blocks already running are reported from their next block on.
     *
     * @param listener the listener
     * @throws NullPointerException if {@code listener} is null
     */
    public static void addListener(StmListener listener) {
        Listeners.add(listener);
    }

    /**
     * Unregisters a listener.
     *
     * @param listener the listener
     * @return whether it was registered
     * @throws NullPointerException if {@code listener} is null
     */
    public static boolean removeListener(StmListener listener) {
        return Listeners.remove(listener);
    }
}
