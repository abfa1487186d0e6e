package org.stm4j.access;

import java.util.function.Supplier;
import org.stm4j.TVar;
import org.stm4j.internal.TxnContext;

/**
 * The engine as a collection sees it: the calling thread's transaction context, with exactly the
 * operations a structure built of TVars needs — read, write, deferred (commutative) write, pending
 * write, hooks — and the one way to join the running transaction or start one ({@link #run}).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>A handle per thread.</b> {@link #current()} is the calling thread's context (one lookup:
 *       a table load). The handle is valid only on that thread, and only for the operation at hand:
 *       never store it in a field, never pass it to another thread or into a hook. A handle that is
 *       not {@linkplain #active() active} still reads and writes, each access as its own atomic
 *       action (as {@link TVar#get()} and {@link TVar#set} outside {@code atomic}).</li>
 *   <li><b>One idiom to join or start.</b> An operation that must be atomic is a static body
 *       ({@link Body0} ... {@link BodyInt}) given its arguments explicitly:
 *       <pre>{@code
 * public V put(K key, V value) {
 *     return Txn.run(core, key, value, DictCore::put);   // core.put(Txn tx, Object key, Object value)
 * }
 * }</pre>
 *       Inside a transaction the body runs at once in it (flat nesting); outside, it runs as a
 *       top-level transaction with the process-wide default configuration ({@code Stm.atomic}),
 *       re-run on conflict. Either way the body receives the context, so it and everything it
 *       calls pass that handle on instead of looking the context up again. The body must not
 *       capture anything (a method reference to a static method, or a lambda that uses only its
 *       parameters): then it is a constant, and {@code run} allocates nothing — inside a
 *       transaction the call is a direct call of the body; outside, the arguments travel in a
 *       carrier object that each context keeps and reuses (a new one only when a hook of a running
 *       {@code run} calls {@code run} again outside a transaction).</li>
 *   <li><b>Costs.</b> {@code run}, {@link #read}, {@link #write} and {@link #writeDeferred} cost
 *       what the engine's own {@code TVar.get}/{@code set} cost: one context lookup per
 *       {@code run}, no allocation, no extra indirection (the handle <em>is</em> the engine's
 *       context; this class is its abstract face, and the JIT sees one implementation).</li>
 *   <li><b>Exceptions.</b> What a body throws reaches the caller unchanged. Outside a transaction it
 *       aborts the transaction {@code run} started (nothing it wrote becomes visible). Inside one,
 *       {@code run} is a plain call: the body must throw before it writes (the collections' single
 *       steps check first, then write), or be run with {@link #block}, which, like a nested
 *       {@code Stm.atomic}, undoes the body's own writes when it throws.</li>
 * </ul>
 *
 * <p>Only the engine's context class extends this class; the package is exported to
 * {@code org.stm4j.collections} only.
 */
public abstract class Txn {

    /** Returned by {@link #pendingWrite} for a TVar the transaction has not written. */
    public static final Object NO_WRITE = new Object() {
        @Override
        public String toString() {
            return "NO_WRITE";
        }
    };

    /** This context's reusable carrier for {@link #run} outside a transaction; null while in use. */
    private Call spare;
    /**
     * Whether this is the engine's shared view for threads that hold no context between blocks: it
     * has no state of its own, so {@link #run} outside a transaction borrows a context first
     * ({@link #lend}).
     */
    private final boolean shared;

    /** For the engine's context only. */
    protected Txn() {
        this(false);
    }

    /**
     * For the engine's context only.
     *
     * @param shared whether this is the engine's shared view for threads that hold no context
     */
    protected Txn(boolean shared) {
        this.shared = shared;
        this.spare = shared ? null : new Call();
    }

    /**
     * The calling thread's context (active or not).
     *
     * @return the context
     */
    public static Txn current() {
        return TxnContext.current();
    }

    // ---------------------------------------------------------------- what the engine provides

    /**
     * Whether this context runs a transaction (is inside an atomic block).
     *
     * @return true inside a transaction
     */
    public abstract boolean active();

    /**
     * {@code v.get()}: a logged, validated read in the running transaction (its own pending write
     * if it wrote {@code v}), or a single atomic read outside one.
     *
     * @param v the TVar
     * @return its value
     */
    public abstract Object read(TVar<?> v);

    /**
     * {@code v.set(value)}: a write in the running transaction, or a single atomic write outside one.
     *
     * @param v the TVar
     * @param value the new value
     */
    public abstract void write(TVar<?> v, Object value);

    /**
     * A write whose value is computed at commit from the then-committed value: no read of
     * {@code v} is logged, so transactions that only defer onto {@code v} do not conflict.
     *
     * @param v the TVar
     * @param value the deferred value
     * @throws IllegalStateException outside a transaction or in a read-only block
     */
    public abstract void writeDeferred(TVar<?> v, Deferred value);

    /**
     * What this transaction has written to {@code v} and not committed (possibly a {@link Deferred}),
     * or {@link #NO_WRITE}. Valid inside a transaction and, for {@link Deferred#resolve}, during its
     * commit.
     *
     * @param v the TVar
     * @return the pending value, or {@link #NO_WRITE}
     */
    public abstract Object pendingWrite(TVar<?> v);

    /**
     * The committed value of a TVar this committing transaction has locked: only for
     * {@link Deferred#resolve}, which runs while the whole write set is locked.
     *
     * @param v a TVar of the write set
     * @return its committed value
     */
    public abstract Object lockedValue(TVar<?> v);

    /**
     * {@code Stm.afterCommit(hook)} of the running transaction.
     *
     * @param hook runs once after the commit, outside the transaction
     * @throws IllegalStateException outside a transaction
     */
    public abstract void afterCommit(Runnable hook);

    /**
     * {@code Stm.afterAbort(hook)} of the running transaction.
     *
     * @param hook runs after each rollback, outside the transaction
     * @throws IllegalStateException outside a transaction
     */
    public abstract void afterAbort(Runnable hook);

    /**
     * In an afterAbort hook: whether the block is being abandoned (it threw), rather than re-run (a
     * conflict) or waiting ({@code retry}).
     *
     * @return true while the hooks of an abandoned block run
     */
    public abstract boolean abandoningBlock();

    /**
     * This context's id: stable for its thread, distinct between live contexts (for striping).
     *
     * @return the id
     */
    public abstract long id();

    /**
     * {@code Stm.atomic(block)} on this context: a top-level transaction with the process-wide default
     * configuration, or, if this context is active, a nested block of the running transaction (its
     * writes undone if it throws).
     *
     * @param block the block
     * @return its result
     */
    protected abstract Object runBlock(Supplier<?> block);

    /**
     * A context lent to the calling thread, which holds none, for one block started by {@link #run}
     * outside a transaction (called on the shared view only).
     *
     * @return the lent context, found by {@link #current()} until {@link #giveBack}
     */
    protected abstract Txn lend();

    /**
     * Ends the loan of {@link #lend}, also when the block threw.
     *
     * @param lent the context {@link #lend} returned
     */
    protected abstract void giveBack(Txn lent);

    /**
     * Gives a TVar that nobody else can reach yet a version from a fresh clock tick, as if a commit had
     * written its initial value now: every transaction with an older snapshot must extend (and
     * validate) to read it. For a TVar that replaces one a commit retired.
     *
     * @param unpublished a TVar not yet reachable by other threads
     */
    public static void stampFresh(TVar<?> unpublished) {
        TxnContext.stampFresh(unpublished);
    }

    // ---------------------------------------------------------------- one TVar outside a transaction

    /**
     * Returned by an {@link Update} that cannot be done on its one TVar alone (the caller then runs
     * its general path, a transaction), and by {@link #updateNow} passing that on.
     */
    public static final Object NEEDS_TRANSACTION = new Object() {
        @Override
        public String toString() {
            return "NEEDS_TRANSACTION";
        }
    };

    /**
     * The new value of one TVar computed from its current one, for {@link #updateNow}. It runs before
     * anything is locked and may run more than once (each time the TVar changed meanwhile), so it
     * must have no effect besides its result; it may allocate and may throw (nothing changes then).
     */
    @FunctionalInterface
    public interface Update {
        /**
         * The new value.
         *
         * @param current the TVar's committed value
         * @param a the first argument
         * @param b the second argument
         * @return the new value; {@link #NO_WRITE} to leave the TVar as it is (the update is then a
         *         read); or {@link #NEEDS_TRANSACTION}
         */
        Object apply(Object current, Object a, Object b);
    }

    /**
     * A read-modify-write of one TVar outside any transaction, as one atomic step that costs what a
     * {@code TVar.set} outside a transaction costs: read the TVar, compute
     * {@code update.apply(value, a, b)} with no lock held, then lock the TVar only if it has not
     * changed since the read (else repeat) and publish the result with a new version. It is
     * serializable with every transaction: a transaction that read the TVar before fails validation.
     * The collections use it for single operations that touch one TVar (an overwrite of a present
     * key), sparing them a transaction's logs and loop.
     *
     * @param v the TVar
     * @param update computes the new value
     * @param a the update's first argument
     * @param b the update's second argument
     * @return the value the update replaced (or, after {@link #NO_WRITE}, read), or
     *         {@link #NEEDS_TRANSACTION} if the update returned it
     * @throws IllegalStateException inside a transaction
     */
    public abstract Object updateNow(TVar<?> v, Update update, Object a, Object b);

    // ---------------------------------------------------------------- join or start

    /**
     * A body of no argument besides its target.
     *
     * @param <S> the target type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Body0<S, R> {
        /**
         * Runs in the active transaction {@code tx}.
         *
         * @param self the target
         * @param tx the running transaction
         * @return the result
         */
        R run(S self, Txn tx);
    }

    /**
     * A body of one argument.
     *
     * @param <S> the target type
     * @param <A> the argument type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Body1<S, A, R> {
        /**
         * Runs in the active transaction {@code tx}.
         *
         * @param self the target
         * @param tx the running transaction
         * @param a the argument
         * @return the result
         */
        R run(S self, Txn tx, A a);
    }

    /**
     * A body of two arguments.
     *
     * @param <S> the target type
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface Body2<S, A, B, R> {
        /**
         * Runs in the active transaction {@code tx}.
         *
         * @param self the target
         * @param tx the running transaction
         * @param a the first argument
         * @param b the second argument
         * @return the result
         */
        R run(S self, Txn tx, A a, B b);
    }

    /**
     * A body of an index and an argument (an {@code int} is not boxed).
     *
     * @param <S> the target type
     * @param <A> the argument type
     * @param <R> the result type
     */
    @FunctionalInterface
    public interface BodyInt<S, A, R> {
        /**
         * Runs in the active transaction {@code tx}.
         *
         * @param self the target
         * @param tx the running transaction
         * @param i the index
         * @param a the argument
         * @return the result
         */
        R run(S self, Txn tx, int i, A a);
    }

    /**
     * Runs {@code body} in the running transaction, or as a transaction of its own.
     *
     * @param <S> the target type
     * @param <R> the result type
     * @param self the target
     * @param body a non-capturing body
     * @return the body's result
     */
    public static <S, R> R run(S self, Body0<S, R> body) {
        Txn tx = current();
        if (tx.active()) {
            return body.run(self, tx);
        }
        return tx.start(Call.BODY0, body, self, 0, null, null);
    }

    /**
     * Runs {@code body} in the running transaction, or as a transaction of its own.
     *
     * @param <S> the target type
     * @param <A> the argument type
     * @param <R> the result type
     * @param self the target
     * @param a the argument
     * @param body a non-capturing body
     * @return the body's result
     */
    public static <S, A, R> R run(S self, A a, Body1<S, A, R> body) {
        Txn tx = current();
        if (tx.active()) {
            return body.run(self, tx, a);
        }
        return tx.start(Call.BODY1, body, self, 0, a, null);
    }

    /**
     * Runs {@code body} in the running transaction, or as a transaction of its own.
     *
     * @param <S> the target type
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     * @param self the target
     * @param a the first argument
     * @param b the second argument
     * @param body a non-capturing body
     * @return the body's result
     */
    public static <S, A, B, R> R run(S self, A a, B b, Body2<S, A, B, R> body) {
        Txn tx = current();
        if (tx.active()) {
            return body.run(self, tx, a, b);
        }
        return tx.start(Call.BODY2, body, self, 0, a, b);
    }

    /**
     * Runs {@code body} in the running transaction, or as a transaction of its own.
     *
     * @param <S> the target type
     * @param <A> the argument type
     * @param <R> the result type
     * @param self the target
     * @param i the index
     * @param a the argument
     * @param body a non-capturing body
     * @return the body's result
     */
    public static <S, A, R> R run(S self, int i, A a, BodyInt<S, A, R> body) {
        Txn tx = current();
        if (tx.active()) {
            return body.run(self, tx, i, a);
        }
        return tx.start(Call.BODY_INT, body, self, i, a, null);
    }

    /**
     * As {@link #run}, but inside a transaction {@code body} is a nested block (as a nested
     * {@code Stm.atomic}): if it throws, its own writes are undone before the exception propagates,
     * the enclosing transaction's earlier writes stay. For compound operations that may throw after
     * writing (user code runs in them: a comparator, an iterator); it costs a carrier object when
     * nested, so it is not for the hot single-step operations, which throw before they write.
     *
     * @param <S> the target type
     * @param <R> the result type
     * @param self the target
     * @param body the body (it may capture: it then allocates, as a lambda given to {@code Stm.atomic})
     * @return the body's result
     */
    public static <S, R> R block(S self, Body0<S, R> body) {
        return current().start(Call.BODY0, body, self, 0, null, null);
    }

    /**
     * {@link #block(Object, Body0)} with one argument.
     *
     * @param <S> the target type
     * @param <A> the argument type
     * @param <R> the result type
     * @param self the target
     * @param a the argument
     * @param body the body
     * @return the body's result
     */
    public static <S, A, R> R block(S self, A a, Body1<S, A, R> body) {
        return current().start(Call.BODY1, body, self, 0, a, null);
    }

    /**
     * {@link #block(Object, Body0)} with two arguments.
     *
     * @param <S> the target type
     * @param <A> the first argument's type
     * @param <B> the second argument's type
     * @param <R> the result type
     * @param self the target
     * @param a the first argument
     * @param b the second argument
     * @param body the body
     * @return the body's result
     */
    public static <S, A, B, R> R block(S self, A a, B b, Body2<S, A, B, R> body) {
        return current().start(Call.BODY2, body, self, 0, a, b);
    }

    /**
     * {@link #block(Object, Body0)} with an index and an argument.
     *
     * @param <S> the target type
     * @param <A> the argument type
     * @param <R> the result type
     * @param self the target
     * @param i the index
     * @param a the argument
     * @param body the body
     * @return the body's result
     */
    public static <S, A, R> R block(S self, int i, A a, BodyInt<S, A, R> body) {
        return current().start(Call.BODY_INT, body, self, i, a, null);
    }

    /**
     * {@link #run}'s path outside a transaction, and {@link #block}'s: {@code Stm.atomic} with the
     * arguments in this context's reused carrier (a new carrier only if that one is in use: a nested
     * block, or a hook of a running block that starts another).
     */
    @SuppressWarnings("unchecked")
    private <R> R start(int shape, Object body, Object self, int i, Object a, Object b) {
        if (shared) {
            Txn lent = lend();
            try {
                return lent.start(shape, body, self, i, a, b);
            } finally {
                giveBack(lent);
            }
        }
        Call c = spare;
        if (c == null) {
            c = new Call(); // a hook of a running start() on this thread: its carrier is in use
        } else {
            spare = null;
        }
        c.tx = this;
        c.shape = shape;
        c.body = body;
        c.self = self;
        c.i = i;
        c.a = a;
        c.b = b;
        try {
            return (R) runBlock(c);
        } finally {
            c.body = null;
            c.self = null;
            c.a = null;
            c.b = null;
            spare = c;
        }
    }

    /** The arguments of one top-level {@link #run}, as the engine's block (re-run on conflict). */
    private static final class Call implements Supplier<Object> {
        static final int BODY0 = 0;
        static final int BODY1 = 1;
        static final int BODY2 = 2;
        static final int BODY_INT = 3;

        Txn tx;
        int shape;
        Object body;
        Object self;
        int i;
        Object a;
        Object b;

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Object get() {
            switch (shape) {
                case BODY0:
                    return ((Body0) body).run(self, tx);
                case BODY1:
                    return ((Body1) body).run(self, tx, a);
                case BODY2:
                    return ((Body2) body).run(self, tx, a, b);
                default:
                    return ((BodyInt) body).run(self, tx, i, a);
            }
        }
    }
}
