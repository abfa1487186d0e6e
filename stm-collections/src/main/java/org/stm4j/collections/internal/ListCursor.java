package org.stm4j.collections.internal;

import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import org.stm4j.access.Txn;

/**
 * The live list iterator of a {@code TList}: each step reads the slot at the cursor through
 * {@link ListSlots#peek} (not the size, and no fail-fast check). Outside a transaction
 * {@code hasNext()} keeps the element it fetched, and the following {@code next()} returns it, so
 * a {@code true} from {@code hasNext()} is never followed by a {@code NoSuchElementException};
 * inside a transaction every step reads again, so the transaction's own writes are seen.
 * {@code remove} and {@code set} act on the element last returned: in one atomic step they check that
 * its index still holds that element (the identical reference) and go through the list's own methods;
 * if the element has moved or gone (the list changed in between, in another thread or in the same
 * transaction) they throw {@link ConcurrentModificationException} and change nothing. They never act
 * on another element that moved into the index. {@code add} inserts at the cursor's index as it is at
 * the time of the call; an index no longer in range is a {@link ConcurrentModificationException}.
 *
 * @param <E> the type of elements
 */
public final class ListCursor<E> implements ListIterator<E> {
    /** {@code ahead} when no element was fetched ahead. */
    private static final Object NOT_FETCHED = new Object();

    private final List<E> list;
    private final ListSlots slots;
    private int cursor;
    private int lastReturned = -1;
    /** The element at {@code lastReturned} as this iterator last saw (or wrote) it. */
    private Object lastElement;
    private Object ahead = NOT_FETCHED;

    /** An iterator over {@code list}, whose storage is {@code slots}, starting at {@code index}. */
    public ListCursor(List<E> list, ListSlots slots, int index) {
        this.list = list;
        this.slots = slots;
        this.cursor = index;
    }

    @Override
    public boolean hasNext() {
        Txn tx = Txn.current();
        Object v = slots.peek(tx, cursor);
        ahead = v == ListSlots.ABSENT || tx.active() ? NOT_FETCHED : v;
        return v != ListSlots.ABSENT;
    }

    @Override
    public E next() {
        Object v = ahead;
        ahead = NOT_FETCHED;
        if (v == NOT_FETCHED) {
            v = slots.peek(Txn.current(), cursor);
        } else {
            Txn tx = Txn.current();
            if (tx.active()) {
                v = slots.peek(tx, cursor);
            }
        }
        if (v == ListSlots.ABSENT) {
            throw new NoSuchElementException();
        }
        lastReturned = cursor++;
        lastElement = v;
        return elem(v);
    }

    @Override
    public boolean hasPrevious() {
        return cursor > 0;
    }

    /** The element before the cursor; {@link NoSuchElementException} also if the list shrank below it. */
    @Override
    public E previous() {
        ahead = NOT_FETCHED;
        int i = cursor - 1;
        Object v = i < 0 ? ListSlots.ABSENT : slots.peek(Txn.current(), i);
        if (v == ListSlots.ABSENT) {
            throw new NoSuchElementException();
        }
        cursor = i;
        lastReturned = i;
        lastElement = v;
        return elem(v);
    }

    @Override
    public int nextIndex() {
        return cursor;
    }

    @Override
    public int previousIndex() {
        return cursor - 1;
    }

    @Override
    public void remove() {
        if (lastReturned < 0) {
            throw new IllegalStateException();
        }
        ahead = NOT_FETCHED;
        int i = lastReturned;
        Txn.block(this, i, null, (self, tx, j, unused) -> {
            self.checkLastReturned(tx, j);
            self.list.remove(j);
            return null;
        });
        if (lastReturned < cursor) {
            cursor--;
        }
        lastReturned = -1;
        lastElement = null;
    }

    @Override
    public void set(E e) {
        if (lastReturned < 0) {
            throw new IllegalStateException();
        }
        ahead = NOT_FETCHED;
        int i = lastReturned;
        Txn.block(this, i, e, (self, tx, j, x) -> {
            self.checkLastReturned(tx, j);
            self.list.set(j, x);
            return null;
        });
        lastElement = e;
    }

    /** Inside a transaction: index {@code i} still holds the element last returned, or CME. */
    private void checkLastReturned(Txn tx, int i) {
        if (slots.peek(tx, i) != lastElement) {
            throw new ConcurrentModificationException(
                    "the element last returned is no longer at index " + i + ": the list changed");
        }
    }

    @Override
    public void add(E e) {
        ahead = NOT_FETCHED;
        try {
            list.add(cursor, e);
        } catch (IndexOutOfBoundsException ex) {
            throw concurrentChange(ex);
        }
        cursor++;
        lastReturned = -1;
    }

    private static ConcurrentModificationException concurrentChange(IndexOutOfBoundsException cause) {
        return new ConcurrentModificationException("the list no longer has the iterator's index", cause);
    }

    @SuppressWarnings("unchecked")
    private static <E> E elem(Object v) {
        return (E) v;
    }
}
