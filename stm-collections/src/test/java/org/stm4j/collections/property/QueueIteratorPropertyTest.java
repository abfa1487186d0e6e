package org.stm4j.collections.property;

import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import org.stm4j.collections.TQueue;

/**
 * Property-based test (jqwik) of issue 13, D8: a {@code TQueue} iterator's {@code remove()} removes
 * the occurrence last returned wherever it has moved, or nothing if it has left the queue. Random
 * scripts of offers, polls, removals from the middle ({@code remove(Object)}, {@code removeIf}),
 * {@code clear}, and several open iterators stepping and removing, on a small queue (so the ring
 * wraps around and more than a capacity's worth is taken while iterators are open), against an
 * {@link ArrayList} model. Elements are distinct objects, so "the occurrence" is exact.
 * {@link ConcurrentModificationException} is allowed only where documented: more removals from the
 * middle since the iterator's snapshot than the queue logs (32), with the element still queued.
 */
class QueueIteratorPropertyTest {

    private static final int CAPACITY = 5;
    private static final int ITERATORS = 2;

    @Property(shrinking = ShrinkingMode.FULL)
    void iteratorRemoveRemovesTheElementLastReturned(@ForAll("scripts") List<Integer> script) {
        TQueue<String> q = new TQueue<>(CAPACITY);
        List<String> model = new ArrayList<>();
        List<Iterator<String>> its = new ArrayList<>();
        List<Open> open = new ArrayList<>();
        int middleRemovals = 0;
        int next = 0;
        StringBuilder log = new StringBuilder();
        for (int code : script) {
            int op = code % 8;
            int arg = code / 8;
            log.append(op).append(':').append(arg).append(' ');
            switch (op) {
                case 0: { // offer a new, distinct element
                    String e = "e" + next++;
                    boolean room = model.size() < CAPACITY;
                    expect(room, q.offer(e), "offer", log);
                    if (room) {
                        model.add(e);
                    }
                    break;
                }
                case 1: // poll
                    expect(model.isEmpty() ? null : model.remove(0), q.poll(), "poll", log);
                    break;
                case 2: // remove(Object) of some element, from the middle or the ends
                    if (!model.isEmpty()) {
                        String e = model.get(arg % model.size());
                        expect(true, q.remove(new String(e)), "remove(Object)", log); // equal, not identical
                        model.remove(e);
                        middleRemovals++;
                    }
                    break;
                case 3: { // removeIf: several removals in one
                    int parity = arg % 2;
                    boolean any = model.removeIf(e -> Integer.parseInt(e.substring(1)) % 2 == parity);
                    expect(any, q.removeIf(e -> Integer.parseInt(e.substring(1)) % 2 == parity), "removeIf", log);
                    if (any) {
                        middleRemovals++;
                    }
                    break;
                }
                case 4: // clear (removals at the head)
                    q.clear();
                    model.clear();
                    break;
                case 5: // open an iterator (replacing the oldest beyond ITERATORS)
                    if (its.size() == ITERATORS) {
                        its.remove(0);
                        open.remove(0);
                    }
                    its.add(q.iterator());
                    open.add(new Open(new ArrayList<>(model), middleRemovals));
                    break;
                case 6: // next() on an iterator
                    if (!its.isEmpty()) {
                        int i = arg % its.size();
                        Open o = open.get(i);
                        boolean has = o.cursor < o.snapshot.size();
                        expect(has, its.get(i).hasNext(), "hasNext", log);
                        if (has) {
                            String e = its.get(i).next();
                            expect(o.snapshot.get(o.cursor), e, "next", log);
                            o.cursor++;
                            o.last = e;
                        }
                    }
                    break;
                default: // remove() on an iterator
                    if (!its.isEmpty()) {
                        int i = arg % its.size();
                        Open o = open.get(i);
                        if (o.last == null) {
                            try {
                                its.get(i).remove();
                                throw new AssertionError("remove() without next() did not throw: " + log);
                            } catch (IllegalStateException expected) {
                                break;
                            }
                        }
                        String e = o.last;
                        o.last = null;
                        boolean present = model.stream().anyMatch(x -> x == e);
                        try {
                            its.get(i).remove();
                        } catch (ConcurrentModificationException cme) {
                            if (!present || middleRemovals - o.middleRemovals <= 32) {
                                throw new AssertionError("undocumented CME: " + log, cme);
                            }
                            break;
                        }
                        if (present) {
                            model.removeIf(x -> x == e);
                            middleRemovals++;
                        }
                    }
                    break;
            }
            expect(model, new ArrayList<>(q), "contents", log);
            expect(model.size(), q.size(), "size", log);
        }
    }

    /** The model of one open iterator. */
    private static final class Open {
        final List<String> snapshot;
        final int middleRemovals;
        int cursor;
        String last;

        Open(List<String> snapshot, int middleRemovals) {
            this.snapshot = snapshot;
            this.middleRemovals = middleRemovals;
        }
    }

    private static void expect(Object expected, Object actual, String what, CharSequence log) {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new AssertionError(what + ": expected " + expected + " but was " + actual + " after ops " + log);
        }
    }

    @Provide
    Arbitrary<List<Integer>> scripts() {
        // an operation code (weighted: offers, steps and removals through iterators often, clear rarely)
        // plus 8 times an argument
        Arbitrary<Integer> op = Arbitraries.frequency(
                Tuple.of(4, 0), Tuple.of(1, 1), Tuple.of(2, 2), Tuple.of(1, 3), Tuple.of(1, 4),
                Tuple.of(2, 5), Tuple.of(4, 6), Tuple.of(4, 7));
        return Combinators.combine(op, Arbitraries.integers().between(0, 15)).as((o, a) -> o + 8 * a)
                .list().ofMinSize(1).ofMaxSize(80);
    }
}
