package org.stm4j.collections;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.stm4j.RetryInterruptedException;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TransactionTimeoutException;
import org.stm4j.TxnConfig;
import org.stm4j.access.StructureDescriber;
import org.stm4j.access.Structures;
import org.stm4j.access.Txn;
import org.stm4j.collections.internal.Names;

/**
 * A bounded, blocking, transactional FIFO queue: a {@link BlockingQueue} whose operations compose
 * atomically with everything else in an {@link Stm#atomic(Runnable) atomic} block.
 *
 * <p><b>Memory consistency effects:</b> every operation is a transaction or part of the enclosing one:
 * actions in a thread before an operation that stores an element happen-before the actions in another
 * thread after an operation that retrieves it (see the package documentation).
 *
 * <!-- snippet: stm-collections/src/test/java/org/stm4j/collections/docs/CollectionsSnippetsTest.java#javadoc-tqueue -->
 * <pre>{@code
 * TQueue<String> in = new TQueue<>(64), out = new TQueue<>(64);
 * in.put("job");                       // outside a transaction: its own, waits while full
 * atomic(() -> {                       // moves one element: never loses or duplicates it
 *     try {
 *         out.put(in.take());          // the whole block waits until in has one and out has room
 *     } catch (InterruptedException e) {
 *         throw new AssertionError(e); // never thrown inside a transaction (see below)
 *     }
 * });
 * }</pre>
 *
 * <h2>Algorithm</h2>
 * A ring of {@code capacity} slot {@link TVar}s plus two index TVars: {@code head} (the slot of the
 * oldest element) and {@code tail} (the slot the next element goes to). Elements are never null
 * (the {@code BlockingQueue} contract), so a slot's content doubles as its occupancy flag:
 * <ul>
 *   <li>{@code put}/{@code offer}: read {@code tail} and {@code slot[tail]}; a non-null slot means the
 *       queue is full (then {@code put} calls {@link Stm#retry()}, {@code offer} returns false);
 *       otherwise write the element into {@code slot[tail]} and advance {@code tail}.</li>
 *   <li>{@code take}/{@code poll}: read {@code head} and {@code slot[head]}; null means empty (then
 *       {@code take} retries, {@code poll} returns null); otherwise clear the slot and advance
 *       {@code head}.</li>
 *   <li>Removing an element from the middle ({@link #remove(Object)}, {@link #removeIf}, an
 *       iterator's {@code remove}) shifts the elements <em>before</em> it one slot towards the tail
 *       and advances {@code head}, so {@code tail} and the slots after it never move.</li>
 * </ul>
 * <b>Invariants</b> (in every committed state): the occupied slots are exactly the cyclic range
 * {@code [head, tail)} (all {@code capacity} slots when {@code head == tail} and {@code slot[head]}
 * is non-null), every occupied slot is non-null and every other slot is null; the elements in
 * queue order are {@code slot[head], slot[head + 1], ...} (indices modulo {@code capacity}). Indices
 * are kept modulo {@code capacity}, so no counter ever overflows.
 *
 * <h2>Blocking and composition</h2>
 * {@link #put} and {@link #take} block through {@link Stm#retry()}: inside an atomic block a full
 * (empty) queue makes the whole block wait until some TVar it read changes, and
 * {@code Stm.orElse(() -> take(q1), () -> take(q2))} takes from whichever queue has an element.
 * Outside a transaction each operation is its own transaction, run with
 * {@link Stm#defaultConfig()}. Waiting parks the thread (virtual threads unmount); nothing here
 * is {@code synchronized}.
 * <ul>
 *   <li><b>Interruption.</b> Outside a transaction, {@code put}, {@code take} and the timed
 *       {@code offer}/{@code poll} throw {@link InterruptedException} (and clear the interrupt
 *       status) if the thread is interrupted on entry or while waiting, as
 *       {@link java.util.concurrent.ArrayBlockingQueue} does; nothing changed. Inside a
 *       transaction they never throw {@code InterruptedException}: the enclosing block does the
 *       waiting, and an interrupt makes it throw {@link RetryInterruptedException} to the caller of
 *       {@code atomic}.</li>
 *   <li><b>Timed {@code offer}/{@code poll}.</b> Outside a transaction they run the blocking form
 *       with a {@link TxnConfig} timeout (the default configuration with the given timeout) and
 *       return {@code false}/{@code null} when it passes. Inside a transaction a timeout cannot be
 *       honoured (the wait is the enclosing block's), so a positive timeout behaves exactly like
 *       {@code put}/{@code take} composed with the enclosing block: bound the wait with the
 *       enclosing block's own {@link TxnConfig.Builder#timeout timeout}, which then throws
 *       {@link TransactionTimeoutException} from {@code atomic}. A timeout {@code <= 0} means "do not
 *       wait" everywhere: the call behaves like {@code offer(e)}/{@code poll()}.</li>
 * </ul>
 *
 * <h2>Conflicts</h2>
 * Exactly which committed operations invalidate which concurrent ones:
 * <ul>
 *   <li>A put and a take touch disjoint TVars unless {@code tail == head}, that is unless the queue
 *       is empty or full: with 1 to {@code capacity - 1} elements a producer and a consumer commit
 *       concurrently without conflict. On an empty (full) queue they do conflict, which is exactly the
 *       wake-up a waiting take (put) needs.</li>
 *   <li>Two puts conflict (both write {@code tail}); two takes conflict (both write {@code head}).
 *       A {@code peek} conflicts with a take, and with a put only when the queue is empty.</li>
 *   <li>{@link #size()} and {@link #remainingCapacity()} read {@code head} and {@code tail}, so they
 *       conflict with every put and take; {@link #isEmpty()} reads only {@code head} and
 *       {@code slot[head]} (like {@code peek}).</li>
 *   <li>Whole-queue operations ({@code contains}, iteration, {@code toArray}, {@code clear},
 *       {@code drainTo}, {@code remove(Object)}, {@code removeIf}, {@code removeAll},
 *       {@code retainAll}) read {@code head} and the slots up to the first empty one, so they
 *       conflict with takes and (unless the queue is full) with puts. Removals from the middle write
 *       {@code head} and conflict with takes, never with a put.</li>
 * </ul>
 *
 * <h2>Iteration</h2>
 * {@link #iterator()} returns a <em>snapshot</em> iterator: the elements in queue order in one
 * consistent state, taken by one transaction when the iterator is created; later changes are not
 * seen. Its {@code remove()} removes the element last returned &mdash; that occurrence, wherever it
 * is now &mdash; if it is still in the queue. Elements move when an element behind them is removed
 * from the middle (see above), so the queue keeps a short log of its removals from the middle (the
 * last {@value #MOVES_KEPT} of them; written only by those removals, read only by iterators) from which
 * the iterator computes where its element is now. If it has left the queue meanwhile (taken, or
 * removed by someone else) there is nothing to remove and {@code remove()} returns. If more removals
 * from the middle happened since the snapshot than the log keeps, and the identical element is still
 * somewhere in the queue, {@code remove()} throws {@link ConcurrentModificationException} and changes
 * nothing (it never removes an occurrence it cannot tell is the one returned). One limit: positions
 * are tracked modulo the capacity, so an iterator kept while {@code capacity} or more elements were
 * taken may mistake an identical reference put into the very slot its element would now occupy for
 * that element.
 * {@code toString}, {@code toArray}, {@code forEach} and {@code stream()} use the same kind of
 * snapshot. {@code equals} and {@code hashCode} are identity-based, as for
 * {@code java.util.concurrent} queues.
 *
 * <p>Predicates and {@code equals} methods run inside the transaction and may run more than once if
 * it is re-run; if one throws, the queue is unchanged.
 *
 * @param <E> the type of the elements (never null)
 */
public final class TQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {
    static {
        Structures.markLibrary(TQueue.class); // the conflict report's call sites skip this module's frames
    }


    private final TVar<E>[] slots;
    /** The slot of the oldest element (the next to take). */
    private final TVar<Integer> head = new TVar<>(0);
    /** The slot the next element goes to. */
    private final TVar<Integer> tail = new TVar<>(0);

    /**
     * The log of removals from the middle, for the iterators' {@code remove()}: written only by
     * {@link #removeAt} and {@link #retainNow} (which write {@code head} anyway), read only when an
     * iterator is created or removes.
     */
    private final TVar<Moves> moves = new TVar<>(Moves.NONE);
    /** How many removals from the middle {@link #moves} keeps (see the class comment). */
    static final int MOVES_KEPT = 32;

    private final String name;
    private final Describer describer = new Describer();

    /**
     * Creates an empty queue holding at most {@code capacity} elements.
     *
     * @param capacity the most elements the queue holds, at least 1
     * @throws IllegalArgumentException if {@code capacity <= 0}
     */
    public TQueue(int capacity) {
        this(capacity, Names.next("TQueue"));
    }

    /**
     * Creates an empty queue holding at most {@code capacity} elements, named {@code name}: conflict
     * reports and diagnostics call it {@code "TQueue <name>"} ({@code "TQueue jobs, slot 5"}).
     *
     * @param capacity the most elements the queue holds, at least 1
     * @param name the name
     * @throws IllegalArgumentException if {@code capacity <= 0}, or {@code name} is empty or blank
     * @throws NullPointerException ({@code "name"}) if {@code name} is null
     */
    public TQueue(int capacity, String name) {
        Names.check(name);
        this.name = name;
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, was " + capacity);
        }
        @SuppressWarnings("unchecked")
        TVar<E>[] s = (TVar<E>[]) new TVar<?>[capacity];
        for (int i = 0; i < capacity; i++) {
            s[i] = new TVar<>(null);
        }
        this.slots = s;
        Structures.register(describer);
    }

    /**
     * This queue's name: the one given at construction, or {@code "TQueue#<n>"}, {@code n} counting
     * the queues created in this JVM (unique, in creation order, not necessarily consecutive).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /** Names this queue's TVars for the conflict report (held strongly here, weakly by the registry). */
    private final class Describer implements StructureDescriber {
        @Override
        public @Nullable String describe(TVar<?> tvar) {
            String label = "TQueue " + name;
            if (tvar == head) {
                return label + ", head";
            }
            if (tvar == tail) {
                return label + ", tail";
            }
            if (tvar == moves) {
                return label + ", removals";
            }
            for (int i = 0; i < slots.length; i++) {
                if (slots[i] == tvar) {
                    return label + ", slot " + i;
                }
            }
            return null;
        }
    }

    /**
     * The fixed capacity given at construction.
     *
     * @return the capacity
     */
    public int capacity() {
        return slots.length;
    }

    // ---------------------------------------------------------------------------------------------
    // Insertion
    // ---------------------------------------------------------------------------------------------

    /**
     * Inserts {@code e} at the tail if there is room; returns whether it did.
     *
     * @throws NullPointerException if {@code e} is null
     */
    @Override
    public boolean offer(E e) {
        Objects.requireNonNull(e, "element");
        return Txn.run(this, e, TQueue::offerIn);
    }

    /**
     * Inserts {@code e} at the tail, waiting (through {@link Stm#retry()}) while the queue is full.
     * Inside a transaction a full queue makes the enclosing block wait; see the class comment.
     *
     * @throws NullPointerException if {@code e} is null
     * @throws InterruptedException outside a transaction, if interrupted on entry or while waiting
     */
    @Override
    public void put(E e) throws InterruptedException {
        Objects.requireNonNull(e, "element");
        if (!Stm.inTransaction()) {
            checkInterrupt();
        }
        try {
            Txn.run(this, e, TQueue::putIn);
        } catch (RetryInterruptedException ex) {
            throw interrupted(ex);
        }
    }

    /**
     * Inserts {@code e}, waiting up to {@code timeout} for room; returns false if none came in time.
     * A timeout {@code <= 0} does not wait. Inside a transaction a positive timeout behaves like
     * {@link #put}; see the class comment.
     *
     * @throws NullPointerException if {@code e} or {@code unit} is null
     * @throws InterruptedException outside a transaction, if interrupted on entry or while waiting
     */
    @Override
    public boolean offer(E e, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(e, "element");
        long nanos = unit.toNanos(timeout);
        if (nanos <= 0) {
            return offer(e);
        }
        if (Stm.inTransaction()) {
            putNow(e);
            return true;
        }
        checkInterrupt();
        try {
            Stm.atomic(timed(nanos), () -> putNow(e));
            return true;
        } catch (TransactionTimeoutException timedOut) {
            return false;
        } catch (RetryInterruptedException ex) {
            throw interrupted(ex);
        }
    }

    /**
     * Adds every element of {@code c} in its iteration order, in one transaction: if one is null or
     * there is no room for all of them, nothing is added.
     *
     * @throws NullPointerException     if {@code c} or an element of it is null
     * @throws IllegalStateException    if the elements do not all fit
     * @throws IllegalArgumentException if {@code c} is this queue
     */
    @Override
    public boolean addAll(Collection<? extends E> c) {
        Objects.requireNonNull(c, "collection");
        if (c == this) {
            throw new IllegalArgumentException("cannot add a queue to itself");
        }
        return Stm.atomic(() -> {
            boolean changed = false;
            for (E e : c) {
                if (!offerNow(Objects.requireNonNull(e, "element"))) {
                    throw new IllegalStateException("Queue full");
                }
                changed = true;
            }
            return changed;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Removal at the head
    // ---------------------------------------------------------------------------------------------

    /** Removes and returns the head, or returns null if the queue is empty. */
    @Override
    public @Nullable E poll() {
        return Txn.run(this, TQueue::pollIn);
    }

    /**
     * Removes and returns the head, waiting (through {@link Stm#retry()}) while the queue is empty.
     * Inside a transaction an empty queue makes the enclosing block wait; see the class comment.
     *
     * @throws InterruptedException outside a transaction, if interrupted on entry or while waiting
     */
    @Override
    public E take() throws InterruptedException {
        if (!Stm.inTransaction()) {
            checkInterrupt();
        }
        try {
            return Txn.run(this, TQueue::takeIn);
        } catch (RetryInterruptedException ex) {
            throw interrupted(ex);
        }
    }

    /**
     * Removes and returns the head, waiting up to {@code timeout} for one; returns null if none came
     * in time. A timeout {@code <= 0} does not wait. Inside a transaction a positive timeout behaves
     * like {@link #take}; see the class comment.
     *
     * @throws NullPointerException if {@code unit} is null
     * @throws InterruptedException outside a transaction, if interrupted on entry or while waiting
     */
    @Override
    public @Nullable E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        if (nanos <= 0) {
            return poll();
        }
        if (Stm.inTransaction()) {
            return takeNow();
        }
        checkInterrupt();
        try {
            return Stm.atomic(timed(nanos), this::takeNow);
        } catch (TransactionTimeoutException timedOut) {
            return null;
        } catch (RetryInterruptedException ex) {
            throw interrupted(ex);
        }
    }

    /** Returns the head without removing it, or null if the queue is empty. */
    @Override
    public @Nullable E peek() {
        return Txn.run(this, TQueue::peekIn);
    }

    // ---------------------------------------------------------------------------------------------
    // Size
    // ---------------------------------------------------------------------------------------------

    /** The number of elements. Reads {@code head} and {@code tail}: conflicts with every put and take. */
    @Override
    public int size() {
        return Stm.atomic(this::sizeNow);
    }

    /** {@code capacity() - size()}, in one transaction. */
    @Override
    public int remainingCapacity() {
        return Stm.atomic(() -> slots.length - sizeNow());
    }

    /** Whether the queue is empty; conflicts like {@link #peek()}, not like {@link #size()}. */
    @Override
    public boolean isEmpty() {
        return peek() == null;
    }

    // ---------------------------------------------------------------------------------------------
    // Whole-queue operations
    // ---------------------------------------------------------------------------------------------

    /** Whether some element {@code equals} {@code o} (false for null). */
    @Override
    public boolean contains(@Nullable Object o) {
        if (o == null) {
            return false;
        }
        return Stm.atomic(() -> slotOf(o) >= 0);
    }

    /** Removes the first element that {@code equals} {@code o}; returns whether one was removed (false for null). */
    @Override
    public boolean remove(@Nullable Object o) {
        if (o == null) {
            return false;
        }
        return Stm.atomic(() -> {
            int i = slotOf(o);
            if (i < 0) {
                return false;
            }
            removeAt(i);
            return true;
        });
    }

    /** Inside a transaction: the slot of the first element that {@code equals} {@code o}, or -1. */
    private int slotOf(Object o) {
        TVar<E>[] s = slots;
        int i = head.get();
        for (int n = 0; n < s.length; n++) {
            E e = s[i].get();
            if (e == null) {
                return -1;
            }
            if (o.equals(e)) {
                return i;
            }
            i = next(i);
        }
        return -1;
    }

    /** Removes every element, in one transaction. */
    @Override
    public void clear() {
        Stm.atomic(() -> {
            drainNow(Integer.MAX_VALUE, null);
        });
    }

    /**
     * Removes the elements matching {@code filter}, in one transaction (the survivors keep their
     * order); returns whether any was removed. If {@code filter} throws, nothing changes.
     *
     * @throws NullPointerException if {@code filter} is null
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        return Stm.atomic(() -> retainNow(e -> !filter.test(e)));
    }

    /**
     * Removes the elements contained in {@code c}, in one transaction.
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean removeAll(Collection<?> c) {
        Objects.requireNonNull(c, "collection");
        return Stm.atomic(() -> retainNow(e -> !c.contains(e)));
    }

    /**
     * Keeps only the elements contained in {@code c}, in one transaction.
     *
     * @throws NullPointerException if {@code c} is null
     */
    @Override
    public boolean retainAll(Collection<?> c) {
        Objects.requireNonNull(c, "collection");
        return Stm.atomic(() -> retainNow(c::contains));
    }

    /** Removes every element and adds it to {@code c}; see {@link #drainTo(Collection, int)}. */
    @Override
    public int drainTo(Collection<? super E> c) {
        return drainTo(c, Integer.MAX_VALUE);
    }

    /**
     * Removes up to {@code maxElements} elements from the head and adds them to {@code c} in queue
     * order; returns how many were moved ({@code 0} if {@code maxElements <= 0}).
     *
     * <p>Outside a transaction the elements are removed in one transaction and added to {@code c}
     * after it committed; if {@code c.add} throws, the elements not yet added are lost (as the
     * {@code BlockingQueue} contract allows). Inside a transaction they are added to {@code c} within
     * it, so use a transactional collection there (a plain one would see the additions of every
     * attempt of the enclosing block).
     *
     * @throws NullPointerException     if {@code c} is null
     * @throws IllegalArgumentException if {@code c} is this queue
     */
    @Override
    public int drainTo(Collection<? super E> c, int maxElements) {
        Objects.requireNonNull(c, "collection");
        if (c == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        if (maxElements <= 0) {
            return 0;
        }
        if (Stm.inTransaction()) {
            return Stm.atomic(() -> drainNow(maxElements, c));
        }
        ArrayList<E> moved = Stm.atomic(() -> {
            ArrayList<E> out = new ArrayList<>(); // fresh in each attempt
            drainNow(maxElements, out);
            return out;
        });
        c.addAll(moved);
        return moved.size();
    }

    /** A snapshot iterator, see the class comment. */
    @Override
    public Iterator<E> iterator() {
        return Stm.atomic(() -> new SnapshotIterator(snapshotNow(), moves.get()));
    }

    /** A spliterator over a snapshot (ordered, non-null, sized), as {@link #iterator()}. */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliterator(toArray(), Spliterator.ORDERED | Spliterator.NONNULL);
    }

    /** The elements in queue order, from one consistent snapshot. */
    @Override
    public @Nullable Object[] toArray() {
        return Stm.atomic(this::snapshotNow).elements.clone();
    }

    /**
     * The elements in queue order, from one consistent snapshot, in {@code a} if it is large enough
     * (followed by a null if it is larger), else in a new array of its runtime type.
     *
     * @throws NullPointerException if {@code a} is null
     * @throws ArrayStoreException  if an element is not an instance of {@code a}'s component type
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T extends @Nullable Object> T[] toArray(T[] a) {
        Objects.requireNonNull(a, "array");
        Object[] s = Stm.atomic(this::snapshotNow).elements;
        if (a.length < s.length) {
            return (T[]) Arrays.copyOf(s, s.length, a.getClass());
        }
        System.arraycopy(s, 0, a, 0, s.length);
        if (a.length > s.length) {
            a[s.length] = null;
        }
        return a;
    }

    // ---------------------------------------------------------------------------------------------
    // Transaction bodies (run inside a transaction)
    // ---------------------------------------------------------------------------------------------

    private static <E> Boolean offerIn(TQueue<E> q, Txn tx, E e) {
        return q.offerNow(e);
    }

    private static <E> Object putIn(TQueue<E> q, Txn tx, E e) {
        q.putNow(e);
        return null;
    }

    private static <E> E pollIn(TQueue<E> q, Txn tx) {
        return q.pollNow();
    }

    private static <E> E takeIn(TQueue<E> q, Txn tx) {
        return q.takeNow();
    }

    private static <E> E peekIn(TQueue<E> q, Txn tx) {
        return q.peekNow();
    }

    private boolean offerNow(E e) {
        int t = tail.get();
        TVar<E> slot = slots[t];
        if (slot.get() != null) {
            return false;
        }
        slot.set(e);
        tail.set(next(t));
        return true;
    }

    private void putNow(E e) {
        if (!offerNow(e)) {
            Stm.retry();
        }
    }

    private E pollNow() {
        int h = head.get();
        TVar<E> slot = slots[h];
        E e = slot.get();
        if (e != null) {
            slot.set(null);
            head.set(next(h));
        }
        return e;
    }

    private E takeNow() {
        E e = pollNow();
        if (e == null) {
            Stm.retry();
        }
        return e;
    }

    private E peekNow() {
        return slots[head.get()].get();
    }

    private int sizeNow() {
        int h = head.get();
        int n = tail.get() - h;
        if (n < 0) {
            n += slots.length;
        }
        if (n == 0 && slots[h].get() != null) {
            n = slots.length;
        }
        return n;
    }

    /** Removes up to {@code max} elements from the head, adding them to {@code sink} if non-null; returns how many. */
    private int drainNow(int max, Collection<? super E> sink) {
        TVar<E>[] s = slots;
        int h = head.get();
        int n = 0;
        while (n < max && n < s.length) {
            E e = s[h].get();
            if (e == null) {
                break;
            }
            s[h].set(null);
            if (sink != null) {
                sink.add(e);
            }
            h = next(h);
            n++;
        }
        if (n != 0) {
            head.set(h);
        }
        return n;
    }

    /** The elements in queue order and the slot of the first. */
    private Snapshot snapshotNow() {
        TVar<E>[] s = slots;
        int h = head.get();
        Object[] buf = new Object[Math.min(s.length, 16)];
        int n = 0;
        for (int i = h; n < s.length; i = next(i)) {
            E e = s[i].get();
            if (e == null) {
                break;
            }
            if (n == buf.length) {
                buf = Arrays.copyOf(buf, Math.min(s.length, 2 * n));
            }
            buf[n++] = e;
        }
        return new Snapshot(h, n == buf.length ? buf : Arrays.copyOf(buf, n));
    }

    /**
     * Keeps the elements matching {@code keep}, packed against {@code tail} in their order;
     * writes only slots whose content changes. Returns whether any element was removed.
     */
    private boolean retainNow(Predicate<? super E> keep) {
        Snapshot snap = snapshotNow();
        Object[] all = snap.elements;
        Object[] kept = new Object[all.length];
        int[] gone = new int[all.length];
        int m = 0;
        int g = 0;
        for (int k = 0; k < all.length; k++) {
            @SuppressWarnings("unchecked")
            E e = (E) all[k];
            if (keep.test(e)) {
                kept[m++] = e;
            } else {
                gone[g++] = k;
            }
        }
        if (g == 0) {
            return false;
        }
        TVar<E>[] s = slots;
        int removed = g;
        int i = snap.head;
        for (int k = 0; k < all.length; k++, i = next(i)) {
            Object want = k < removed ? null : kept[k - removed];
            if (all[k] != want) {
                @SuppressWarnings("unchecked")
                E w = (E) want;
                s[i].set(w);
            }
        }
        head.set((int) (((long) snap.head + removed) % s.length));
        moves.set(moves.get().plus(snap.head, Arrays.copyOf(gone, g)));
        return true;
    }

    /** Removes the occupied slot {@code i}: shifts the elements before it one slot on, advances head. */
    private void removeAt(int i) {
        TVar<E>[] s = slots;
        int h = head.get();
        for (int j = i; j != h; ) {
            int p = prev(j);
            s[j].set(s[p].get());
            j = p;
        }
        s[h].set(null);
        head.set(next(h));
        moves.set(moves.get().plus(h, new int[] {distance(h, i)}));
    }

    /** How many slots {@code to} is after {@code from}, going towards the tail ({@code [0, capacity)}). */
    private int distance(int from, int to) {
        int d = to - from;
        return d < 0 ? d + slots.length : d;
    }

    private int next(int i) {
        return i + 1 == slots.length ? 0 : i + 1;
    }

    private int prev(int i) {
        return i == 0 ? slots.length - 1 : i - 1;
    }

    private static TxnConfig timed(long nanos) {
        return Stm.defaultConfig().toBuilder().timeout(Duration.ofNanos(nanos)).build();
    }

    private static void checkInterrupt() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** The {@code InterruptedException} for a wait that was interrupted; clears the interrupt status. */
    private static InterruptedException interrupted(RetryInterruptedException cause) {
        Thread.interrupted();
        InterruptedException ie = new InterruptedException(cause.getMessage());
        ie.initCause(cause);
        return ie;
    }

    /** The elements of one consistent state, in queue order, and the slot holding the first. */
    private static final class Snapshot {
        final int head;
        final Object[] elements;

        Snapshot(int head, Object[] elements) {
            this.head = head;
            this.elements = elements;
        }
    }

    /**
     * The last removals from the middle ({@link #removeAt}, {@link #retainNow}), oldest first, and how
     * many there have been in all. Immutable; each removal stores a new one. Removal {@code r} took,
     * from a queue whose head was at slot {@code heads[r]}, the elements at the queue indices
     * {@code removed[r]} (ascending, counted from that head).
     */
    private static final class Moves {
        static final Moves NONE = new Moves(0, new int[0], new int[0][]);
        /** At most this many removed indices are kept in all (a bound on the log's memory). */
        static final int INDICES_KEPT = 256;

        final long count;
        final int[] heads;
        final int[][] removed;

        Moves(long count, int[] heads, int[][] removed) {
            this.count = count;
            this.heads = heads;
            this.removed = removed;
        }

        /** This log plus one removal, dropping the oldest entries beyond the bounds. */
        Moves plus(int head, int[] indices) {
            if (indices.length > INDICES_KEPT) {
                // too large to keep: iterators older than this removal cannot track their element
                return new Moves(count + 1, new int[0], new int[0][]);
            }
            int n = heads.length;
            int from = n;
            int total = indices.length;
            while (from > 0 && n - from < MOVES_KEPT - 1 && total + removed[from - 1].length <= INDICES_KEPT) {
                total += removed[--from].length;
            }
            int m = n - from + 1;
            int[] h = new int[m];
            int[][] r = new int[m][];
            System.arraycopy(heads, from, h, 0, m - 1);
            System.arraycopy(removed, from, r, 0, m - 1);
            h[m - 1] = head;
            r[m - 1] = indices;
            return new Moves(count + 1, h, r);
        }
    }

    /** Iterates over a {@link Snapshot}; {@code remove} removes that occurrence wherever it is now. */
    private final class SnapshotIterator implements Iterator<E> {
        private final Snapshot snap;
        /** The log of removals from the middle when the snapshot was taken. */
        private final Moves seen;
        private int cursor;
        private int last = -1;

        SnapshotIterator(Snapshot snap, Moves seen) {
            this.snap = snap;
            this.seen = seen;
        }

        @Override
        public boolean hasNext() {
            return cursor < snap.elements.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E next() {
            if (cursor >= snap.elements.length) {
                throw new NoSuchElementException();
            }
            last = cursor++;
            return (E) snap.elements[last];
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException("next() not called, or remove() already called");
            }
            int k = last;
            Stm.atomic(() -> {
                int slot = slotNow(k);
                if (slot >= 0) {
                    removeAt(slot);
                }
            });
            last = -1;
        }

        /**
         * Inside a transaction: the slot now holding the element at index {@code k} of the snapshot,
         * or -1 if it has left the queue. Replays the removals from the middle since the snapshot (an
         * element moves one slot towards the tail, keeping its queue index, when one behind it is
         * removed; its index drops by one when one before it is); every other move of the head is a
         * removal at the head.
         *
         * @throws ConcurrentModificationException if the log no longer reaches back to the snapshot
         *                                         and the identical element is still in the queue
         */
        private int slotNow(int k) {
            Object e = snap.elements[k];
            Moves now = moves.get();
            long since = now.count - seen.count;
            if (since > now.heads.length) {
                if (containsIdentical(e)) {
                    throw new ConcurrentModificationException("cannot tell where the element last returned is now: "
                            + since + " removals from the middle since the iterator was created (at most "
                            + MOVES_KEPT + " are tracked)");
                }
                return -1;
            }
            int i = k;
            int h = snap.head;
            for (int r = now.heads.length - (int) since; r < now.heads.length; r++) {
                i -= distance(h, now.heads[r]);
                if (i < 0) {
                    return -1;
                }
                int before = 0;
                for (int j : now.removed[r]) {
                    if (j == i) {
                        return -1;
                    }
                    if (j > i) {
                        break;
                    }
                    before++;
                }
                i -= before;
                h = (int) (((long) now.heads[r] + now.removed[r].length) % slots.length);
            }
            int headNow = head.get();
            i -= distance(h, headNow);
            if (i < 0) {
                return -1;
            }
            int slot = (int) (((long) headNow + i) % slots.length);
            // Not the identical element: it was taken with a whole capacity's worth of others (the
            // distances are modulo the capacity), so it has left the queue.
            return slots[slot].get() == e ? slot : -1;
        }

        private boolean containsIdentical(Object e) {
            for (Object o : snapshotNow().elements) {
                if (o == e) {
                    return true;
                }
            }
            return false;
        }
    }
}
