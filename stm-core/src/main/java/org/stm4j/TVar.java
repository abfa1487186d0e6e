package org.stm4j;

import org.jspecify.annotations.Nullable;
import org.stm4j.internal.Meta;
import org.stm4j.internal.TVarNames;
import org.stm4j.internal.TxnContext;

/**
 * A transactional variable: a mutable reference whose reads and writes inside
 * {@link Stm#atomic(Runnable) atomic} blocks are isolated and take effect atomically at commit.
 *
 * <!-- snippet: stm-core/src/test/java/org/stm4j/docs/CoreSnippetsTest.java#javadoc-tvar -->
 * <pre>{@code
 * TVar<Integer> balance = new TVar<>(100);
 * atomic(() -> balance.set(balance.get() - 10));
 * }</pre>
 *
 * <p>Outside any transaction, {@link #get()} and {@link #set(Object)} are each a single atomic
 * transaction of their own (the same protocol, without a log). {@code null} is a legal value.
 *
 * <p>Keep immutable values in TVars: the STM versions the reference, not the object it points to,
 * so mutating an object that a TVar holds is invisible to the STM (neither isolated nor undone).
 *
 * <p><b>Memory consistency effects:</b> a commit that writes a TVar happens-before every read of
 * that TVar (transactional or not) that returns the written value, so an object fully built before
 * the commit is fully visible to such a reader.
 *
 * @param <T> the type of the value
 */
public final class TVar<T extends @Nullable Object> {

    /** Metadata word, see the engine's {@code Meta}; accessed only through VarHandles. */
    @SuppressWarnings("unused")
    private long meta;
    /** The committed value; accessed only through VarHandles. */
    @SuppressWarnings("unused")
    private Object value;

    /**
     * Creates a TVar holding {@code initial}.
     *
     * @param initial the initial value, may be null
     */
    public TVar(T initial) {
        this.value = initial;
        this.meta = Meta.INITIAL;
    }

    /**
     * Creates a TVar with a name used in diagnostics (Flight Recorder abort events, {@link #toString()}).
     *
     * @param initial the initial value, may be null
     * @param name    the name; must not be null
     * @throws NullPointerException if {@code name} is null
     */
    public TVar(T initial, String name) {
        this(initial);
        if (name == null) {
            throw new NullPointerException("name");
        }
        TVarNames.name(this, name);
    }

    /**
     * The value: inside a transaction the value in its snapshot (or its own pending write), outside
     * the latest committed value.
     *
     * <p><b>Memory consistency effects:</b> the commit that wrote the returned value happens-before
     * this read.
     *
     * @return the value, possibly null
     */
    @SuppressWarnings("unchecked")
    public T get() {
        return (T) TxnContext.current().read(this);
    }

    /**
     * Sets the value: inside a transaction it becomes visible when the transaction commits; outside
     * it is committed at once.
     *
     * <p><b>Memory consistency effects:</b> actions of this thread before the commit that carries this
     * write happen-before every read that returns {@code newValue}.
     *
     * @param newValue the new value, may be null
     * @throws IllegalStateException inside a block configured {@link TxnConfig#readOnly() read-only}
     */
    public void set(T newValue) {
        TxnContext.current().write(this, newValue);
    }

    /**
     * Sets the value and returns the previous one, atomically (in or outside a transaction).
     * Memory consistency effects: those of {@link #get()} and {@link #set(Object)} together.
     *
     * @param newValue the new value, may be null
     * @return the value it replaced
     * @throws IllegalStateException inside a block configured {@link TxnConfig#readOnly() read-only}
     */
    public T getAndSet(T newValue) {
        return Stm.atomic(() -> {
            T old = get();
            set(newValue);
            return old;
        });
    }

    /**
     * The name given at construction.
     *
     * @return the name, or null if none was given
     */
    public @Nullable String name() {
        return TVarNames.nameOf(this);
    }

    /**
     * {@code TVar[name]=value}, or {@code TVar@hash=value} for an unnamed TVar. The value is the latest
     * committed one, read without joining any running transaction (so it neither conflicts with one
     * nor shows its pending writes); while a commit holds the TVar locked it shows as
     * {@code <locked>} rather than waiting. Calls the value's {@code toString}.
     */
    @Override
    public String toString() {
        String n = name();
        String id = n != null ? "TVar[" + n + "]" : "TVar@" + Integer.toHexString(System.identityHashCode(this));
        Object value = TxnContext.peekCommitted(this);
        return id + "=" + (value == TxnContext.LOCKED ? "<locked>" : String.valueOf(value));
    }
}
