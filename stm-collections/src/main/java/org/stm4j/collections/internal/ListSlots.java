package org.stm4j.collections.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.access.StructureDescriber;
import org.stm4j.access.Structures;
import org.stm4j.access.Txn;

/**
 * The storage of a {@code TList}: one TVar per index ("slot") plus a TVar holding the size, and the
 * transactional primitives the list's operations are built from.
 *
 * <h2>Overview</h2>
 * A slot TVar holds the element at its index, or {@link #ABSENT}. Invariant, in every committed
 * state (and in every transaction's view of it, own writes included): slots {@code [0, size)} hold
 * elements and every slot at or past {@code size} that exists holds {@code ABSENT}. So whether index
 * {@code i >= 0} is in range can be answered from slot {@code i} alone, without reading the size:
 * a reader of {@code l[0]} does not conflict with an append or a pop at the far end.
 *
 * <p>The slot TVars live in a non-transactional, grow-only directory of chunks: chunk {@code k}
 * holds {@code 2^(k+4)} slots, so 27 chunks cover {@link #MAX_SIZE} indices without ever copying.
 * Chunks and slot TVars are created lazily, on first need, and published with a CAS; a published
 * chunk is removed only by {@link #trimAbandonedGrowth} (capacity otherwise never shrinks, like an
 * {@code ArrayList} that is never trimmed). A slot created by an attempt that later aborts holds
 * {@code ABSENT} at the initial version, so it changes no committed state.
 *
 * <p><b>Capacity grown by a block that never commits.</b> A block that appends a million elements
 * and then throws would leave a million slot TVars behind. So an attempt that creates a chunk of
 * {@value #TRIM_FROM_SLOTS} slots or more registers an afterAbort hook which, if the block is being
 * abandoned (it threw: {@link Txn#abandoningBlock()}; not for a conflict, where the block
 * re-runs and needs the capacity again, nor for {@code retry}, which the trim would wake), removes
 * the chunks past the committed size, in an irrevocable transaction that: reads the size (visibly,
 * so no commit can change it meanwhile); writes {@code ABSENT} anew into every slot of those chunks
 * (a transaction that read one of them as its bounds check then fails validation, so it cannot
 * commit a conclusion drawn from a slot that no longer exists); unpublishes them; and writes the
 * size back unchanged (a transaction that read the old size and may hold a removed slot, to append
 * into it, fails validation and looks the slot up again, creating a new chunk). Every slot it
 * removes is at or past the size, so it holds {@code ABSENT} and no element is lost. Every operation that
 * grows the size creates the slots it fills before it commits; hence if a transaction finds slot
 * {@code i} missing and then reads a size greater than {@code i}, a second look-up finds the slot
 * ({@link #peek}).
 *
 * <p>Why a slot alone is a sound bounds check: the engine gives each transaction one consistent
 * snapshot of the committed state (opacity), plus its own writes, and every list operation keeps the
 * invariant at its end; so the value a transaction reads from slot {@code i} is the marker exactly
 * when {@code i} is at or past the size in that same view. The commit validates only slot {@code i},
 * which is precisely what the answer depends on: an append that fills a slot past {@code i}, or a pop
 * that empties one, does not change it.
 *
 * <p>Methods other than the directory look-ups read and write TVars through the caller's context
 * ({@link Txn}, looked up once per operation): inside a transaction they are part of it; outside,
 * each TVar access is its own atomic action (callers wrap multi-step work in {@link Txn#run}). The bulk writers ({@link #replace}, {@link #rewriteSuffix}) check the
 * resulting size before their first write and skip a write that would store the identical
 * reference, so an already sorted list is not rewritten by {@code sort}.
 */
public final class ListSlots implements StructureDescriber {

    /** The value of a slot at or past the size. */
    public static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "ABSENT";
        }
    };

    /** The largest size a list can have: the capacity of all chunks, {@code 2^31 - 16}. */
    public static final int MAX_SIZE = Integer.MAX_VALUE - 15;

    private static final Object[] NONE = new Object[0];
    /** Marks, in a bulk write's "old values", a slot whose current value was not read. */
    private static final Object UNREAD = new Object();
    private static final int FIRST_CHUNK_SHIFT = 4;
    private static final int CHUNKS = 27;
    private static final VarHandle CHUNK = MethodHandles.arrayElementVarHandle(Object[][].class);
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    /** Chunk {@code k} holds slots {@code [2^(k+4) - 16, 2^(k+5) - 16)}; accessed through {@link #CHUNK}. */
    private final Object[][] chunks = new Object[CHUNKS][];
    private final TVar<Integer> size;

    /** Chunks of at least this many slots are removed again if the block that created them is abandoned. */
    public static final int TRIM_FROM_SLOTS = 1024;
    private static final TxnConfig TRIM = TxnConfig.builder().irrevocable(true).build();
    /** The afterAbort hook of {@link #trimAbandonedGrowth}, made once. */
    private final Runnable trimHook = this::trimAbandonedGrowth;

    /**
     * Boxes of the sizes below {@code 2^14}, shared by every list and filled on first use, so that
     * an append or a pop of a list of that size allocates no {@code Integer} ({@link Integer#valueOf}
     * caches only up to 127). The race between two threads filling one entry is benign: each stores
     * an {@code Integer} of the same value, and {@code Integer}'s value is final.
     */
    private static final Integer[] SIZE_BOXES = new Integer[1 << 14];

    /**
     * Storage holding {@code elements[0, length)} (not yet shared, so filled without transactions).
     *
     * @throws OutOfMemoryError if {@code length} exceeds {@link #MAX_SIZE}
     */
    public ListSlots(Object[] elements, int length) {
        checkSize(length);
        for (int i = 0; i < length; i++) {
            slotOrCreate(null, i, elements[i]);
        }
        this.size = new TVar<>(length);
    }

    /** The size (a read of the size TVar) in {@code tx}, the caller's context (active or not). */
    public int size(Txn tx) {
        return (Integer) tx.read(size);
    }

    /**
     * The element at {@code i >= 0}, or {@link #ABSENT} if {@code i} is at or past the size. Reads slot
     * {@code i} only, unless that slot does not exist yet: then it reads the size.
     */
    public Object peek(Txn tx, int i) {
        TVar<Object> s = slot(i);
        if (s == null) {
            if (i >= size(tx)) {
                return ABSENT;
            }
            s = slot(i);
        }
        return tx.read(s);
    }

    /** The element at {@code i}, where {@code 0 <= i < size} is known (so the slot exists). */
    public Object get(Txn tx, int i) {
        TVar<Object> s = slot(i);
        return tx.read(s != null ? s : slotRemovedUnder(tx, i));
    }

    /** Writes {@code value} to slot {@code i}, creating the slot if needed. */
    public void set(Txn tx, int i, Object value) {
        tx.write(slotOrCreate(tx, i, ABSENT), value);
    }

    /** Writes the size TVar. */
    public void setSize(Txn tx, int n) {
        tx.write(size, boxed(n));
    }

    private static Integer boxed(int n) {
        if (n >= SIZE_BOXES.length) {
            return n;
        }
        Integer box = SIZE_BOXES[n];
        if (box == null) {
            box = n;
            SIZE_BOXES[n] = box;
        }
        return box;
    }

    /** The elements at {@code [from, to)}, known to be within the size. */
    public Object[] read(Txn tx, int from, int to) {
        if (from >= to) {
            return NONE;
        }
        Object[] a = new Object[to - from];
        for (int i = from; i < to; i++) {
            a[i - from] = get(tx, i);
        }
        return a;
    }

    /** All elements, reading the size first. */
    public Object[] snapshot(Txn tx) {
        return read(tx, 0, size(tx));
    }

    /**
     * Python's {@code l[from:to] = items} on a list of size {@code n} (the current size, already
     * read), with {@code 0 <= from <= to <= n}: shifts the tail {@code [to, n)}, writes
     * {@code ABSENT} into vacated slots and the new size. Reads only the tail, and only if it moves.
     *
     * @throws OutOfMemoryError if the new size would exceed {@link #MAX_SIZE} (nothing written)
     */
    public void replace(Txn tx, int n, int from, int to, Object[] items) {
        int removed = to - from;
        if (items.length == removed) {
            for (int j = 0; j < items.length; j++) {
                set(tx, from + j, items[j]);
            }
            return;
        }
        checkSize((long) n - removed + items.length);
        Object[] tail = read(tx, to, n);
        Object[] old = new Object[n - from];
        java.util.Arrays.fill(old, 0, removed, UNREAD);
        System.arraycopy(tail, 0, old, removed, tail.length);
        Object[] fresh = new Object[items.length + tail.length];
        System.arraycopy(items, 0, fresh, 0, items.length);
        System.arraycopy(tail, 0, fresh, items.length, tail.length);
        rewriteSuffix(tx, n, from, old, fresh);
    }

    /**
     * Makes the elements from index {@code from} on equal to {@code fresh} on a list of size
     * {@code n}: the size becomes {@code from + fresh.length}. {@code old} holds the current values
     * of {@code [from, n)} (or {@code UNREAD}); a slot whose old value is the identical reference is
     * not written.
     *
     * @throws OutOfMemoryError if the new size would exceed {@link #MAX_SIZE} (nothing written)
     */
    public void rewriteSuffix(Txn tx, int n, int from, Object[] old, Object[] fresh) {
        int newSize = checkSize((long) from + fresh.length);
        for (int j = 0; j < fresh.length; j++) {
            if (j < old.length && old[j] == fresh[j]) {
                continue;
            }
            set(tx, from + j, fresh[j]);
        }
        for (int i = newSize; i < n; i++) {
            set(tx, i, ABSENT);
        }
        if (newSize != n) {
            setSize(tx, newSize);
        }
    }

    /**
     * The new size, checked against {@link #MAX_SIZE}.
     *
     * @throws OutOfMemoryError if it is too large (as {@code ArrayList} does)
     */
    public static int checkSize(long newSize) {
        if (newSize > MAX_SIZE) {
            throw new OutOfMemoryError("a TList cannot hold " + newSize + " elements (at most " + MAX_SIZE + ")");
        }
        return (int) newSize;
    }

    // ---------------------------------------------------------------------------------------
    // The directory (non-transactional)
    // ---------------------------------------------------------------------------------------

    /** The slot TVar of index {@code i >= 0}, or null if it was never created. */
    @SuppressWarnings("unchecked")
    private TVar<Object> slot(int i) {
        if (i >= MAX_SIZE) {
            return null;
        }
        int n = i + (1 << FIRST_CHUNK_SHIFT);
        int k = 31 - FIRST_CHUNK_SHIFT - Integer.numberOfLeadingZeros(n);
        Object[] chunk = (Object[]) CHUNK.getAcquire(chunks, k);
        if (chunk == null) {
            return null;
        }
        return (TVar<Object>) SLOT.getAcquire(chunk, n - (1 << (k + FIRST_CHUNK_SHIFT)));
    }

    /**
     * The slot TVar of index {@code i}, created holding {@code initial} if it does not exist; {@code tx}
     * is the caller's context, or null while the storage is not shared yet.
     */
    private TVar<Object> slotOrCreate(Txn tx, int i, Object initial) {
        TVar<Object> s = slot(i);
        return s != null ? s : createSlot(tx, i, initial);
    }

    /** The slow path of {@link #slotOrCreate}: creates the chunk and the slot as needed (a CAS each). */
    @SuppressWarnings("unchecked")
    private TVar<Object> createSlot(Txn tx, int i, Object initial) {
        int n = i + (1 << FIRST_CHUNK_SHIFT);
        int k = 31 - FIRST_CHUNK_SHIFT - Integer.numberOfLeadingZeros(n);
        Object[] chunk = (Object[]) CHUNK.getAcquire(chunks, k);
        if (chunk == null) {
            Object[] created = new Object[1 << (k + FIRST_CHUNK_SHIFT)];
            Object witness = CHUNK.compareAndExchange(chunks, k, (Object[]) null, created);
            chunk = witness == null ? created : (Object[]) witness;
            if (witness == null && created.length >= TRIM_FROM_SLOTS) {
                if (tx != null && tx.active()) {
                    tx.afterAbort(trimHook);
                }
            }
        }
        int offset = n - (1 << (k + FIRST_CHUNK_SHIFT));
        TVar<Object> s = (TVar<Object>) SLOT.getAcquire(chunk, offset);
        if (s == null) {
            TVar<Object> created = new TVar<>(initial);
            Object witness = SLOT.compareAndExchange(chunk, offset, (Object) null, created);
            s = witness == null ? created : (TVar<Object>) witness;
        }
        return s;
    }

    /**
     * The afterAbort hook registered by an attempt that created a large chunk: if the block is being
     * abandoned, removes the chunks past the committed size (see the class comment for why this is
     * safe against concurrent transactions).
     */
    private void trimAbandonedGrowth() {
        if (!Txn.current().abandoningBlock()) {
            return;
        }
        Stm.atomic(TRIM, () -> {
            int n = size.get();
            int keep = n == 0 ? 1 : chunkOf(n - 1) + 1;
            boolean removed = false;
            for (int k = CHUNKS - 1; k >= keep; k--) {
                Object[] chunk = (Object[]) CHUNK.getAcquire(chunks, k);
                if (chunk == null || chunk.length < TRIM_FROM_SLOTS) {
                    continue;
                }
                for (Object slot : chunk) {
                    if (slot != null) {
                        @SuppressWarnings("unchecked")
                        TVar<Object> s = (TVar<Object>) slot;
                        s.set(ABSENT);
                    }
                }
                CHUNK.setRelease(chunks, k, (Object[]) null);
                removed = true;
            }
            if (removed) {
                size.set(boxed(n));
            }
        });
    }

    /**
     * Slot {@code i} is missing although the caller's snapshot has {@code i} below the size: a trim
     * ({@link #trimAbandonedGrowth}) removed it after that snapshot was taken. Reading the size again
     * makes the transaction see the trim's write (it extends its snapshot, and aborts if anything
     * it read has changed), so normally this does not return; if the snapshot was current after all,
     * the slot is created afresh (it then holds {@link #ABSENT}).
     */
    private TVar<Object> slotRemovedUnder(Txn tx, int i) {
        size(tx);
        return slotOrCreate(tx, i, ABSENT);
    }

    private static int chunkOf(int i) {
        return 31 - FIRST_CHUNK_SHIFT - Integer.numberOfLeadingZeros(i + (1 << FIRST_CHUNK_SHIFT));
    }

    private volatile String label = "TList";

    /** Names this list for the conflict report ({@code "TList inbox"}) and registers it (a no-op while the report is off). */
    public void describeAs(String label) {
        this.label = label;
        Structures.register(this);
    }

    /** {@code "TList inbox, index 3"}, {@code "TList inbox, size"}, or null if {@code tvar} is not this list's. */
    @Override
    public @Nullable String describe(TVar<?> tvar) {
        if (tvar == size) {
            return label + ", size";
        }
        int base = 0;
        for (int k = 0; k < CHUNKS; k++) {
            Object[] chunk = (Object[]) CHUNK.getAcquire(chunks, k);
            int length = 1 << (k + FIRST_CHUNK_SHIFT);
            if (chunk != null) {
                for (int j = 0; j < chunk.length; j++) {
                    if (SLOT.getAcquire(chunk, j) == tvar) {
                        return label + ", index " + (base + j);
                    }
                }
            }
            base += length;
        }
        return null;
    }

    /** How many slots the published chunks can hold (for tests of what an abandoned block leaves). */
    public int capacity() {
        int c = 0;
        for (int k = 0; k < CHUNKS; k++) {
            Object[] chunk = (Object[]) CHUNK.getAcquire(chunks, k);
            if (chunk != null) {
                c += chunk.length;
            }
        }
        return c;
    }
}
