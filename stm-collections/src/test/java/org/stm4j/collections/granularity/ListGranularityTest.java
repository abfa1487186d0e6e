package org.stm4j.collections.granularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stm4j.collections.granularity.Interleaving.once;
import static org.stm4j.collections.granularity.Interleaving.twice;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.stm4j.collections.IndexError;
import org.stm4j.collections.TList;

/**
 * SPEC "Conflict granularity" for {@link TList}, shown deterministically with an
 * {@link Interleaving}: A does an operation and stays open while B commits another; A's block
 * runs once if B's commit did not invalidate anything A read, twice if it did.
 *
 * <p><b>No conflict</b> (A runs once): writes to different indices (neighbours, far apart,
 * negative-free); a read of {@code l[0]} (or any index below the length) against an
 * {@code append}, or against a {@code pop} that leaves the index in range (a bounds check needs
 * only "length &gt; i", not the exact length); a write of an index against an {@code append};
 * {@code append}s to different lists; anything on one list against anything on another.
 *
 * <p><b>Positive controls</b> (A must run twice): the same index written by both, or read by A and
 * written by B; {@code len()} against an {@code append}; {@code l[-1]} (which depends on the exact
 * length) against an {@code append}; {@code l[63]} against a {@code pop} that takes index 63 away;
 * {@code append}s to the same list (inherent: both write the slot after the end and the length);
 * an iteration against an {@code append}.
 */
final class ListGranularityTest {

    private static final int N = 64;

    private TList<Integer> l;
    private TList<Integer> other;

    @BeforeEach
    void fill() {
        l = TList.from(IntStream.range(0, N).boxed().toList());
        other = TList.from(IntStream.range(0, N).boxed().toList());
    }

    @Nested
    final class NoConflict {

        @Test
        void writesToNeighbouringIndices() {
            once(Interleaving.run(() -> l.setItem(0, -1), () -> l.setItem(1, -2)), "l[0]= vs l[1]=");
            assertEquals(List.of(-1, -2, 2), l.slice(0, 3, null));
        }

        @Test
        void writesToIndicesFarApart() {
            once(Interleaving.run(() -> l.setItem(3, -1), () -> l.setItem(N - 1, -2)), "l[3]= vs l[63]=");
        }

        @Test
        void readModifyWritesOfDifferentIndices() {
            once(Interleaving.run(() -> l.setItem(10, l.getItem(10) + 100), () -> l.setItem(11, l.getItem(11) + 100)),
                    "l[10] += vs l[11] +=");
            assertEquals(110, l.getItem(10));
            assertEquals(111, l.getItem(11));
        }

        @Test
        void readOfFirstElementVsAppend() {
            once(Interleaving.run(() -> l.getItem(0), () -> l.append(N)), "l[0] vs append");
            assertEquals(N + 1, l.len());
        }

        @Test
        void readOfFirstElementVsAppendThenReadingTheNewElement() {
            // A's snapshot is extended to B's append: l[0] is still valid, the new last element visible.
            List<Integer> seen = new ArrayList<>();
            once(Interleaving.run(() -> seen.add(l.getItem(0)), () -> l.append(N), () -> seen.add(l.getItem(N))),
                    "l[0] vs append, then l[64]");
            assertEquals(List.of(0, N), seen);
        }

        @Test
        void readOfAnInRangeElementVsPop() {
            once(Interleaving.run(() -> l.getItem(5), () -> l.pop()), "l[5] vs pop()");
        }

        @Test
        void writeOfAnIndexVsAppend() {
            once(Interleaving.run(() -> l.setItem(0, -1), () -> l.append(N)), "l[0]= vs append");
            assertEquals(-1, l.getItem(0));
            assertEquals(N, l.getItem(N));
        }

        @Test
        void appendsToDifferentLists() {
            once(Interleaving.run(() -> l.append(-1), () -> other.append(-2)), "a.append vs b.append");
            assertEquals(-1, l.getItem(-1));
            assertEquals(-2, other.getItem(-1));
        }

        @Test
        void popVsAppendToAnotherList() {
            once(Interleaving.run(() -> l.pop(), () -> other.append(-2)), "a.pop() vs b.append");
        }

        @Test
        void iterationVsAppendToAnotherList() {
            once(Interleaving.run(() -> new ArrayList<>(l), () -> other.append(-2)), "list(a) vs b.append");
        }

        @Test
        void lenVsAppendToAnotherList() {
            once(Interleaving.run(() -> l.len(), () -> other.append(-2)), "len(a) vs b.append");
        }
    }

    @Nested
    final class PositiveControls {

        @Test
        void writesToTheSameIndex() {
            twice(Interleaving.run(() -> l.setItem(5, l.getItem(5) + 10), () -> l.setItem(5, l.getItem(5) + 100)),
                    "l[5] += vs l[5] +=");
            assertEquals(115, l.getItem(5), "no lost update");
        }

        @Test
        void readVsWriteOfTheSameIndex() {
            twice(Interleaving.run(() -> l.getItem(5), () -> l.setItem(5, -5)), "l[5] vs l[5]=");
        }

        @Test
        void lenVsAppend() {
            List<Integer> lens = new ArrayList<>();
            twice(Interleaving.run(() -> lens.add(l.len()), () -> l.append(N)), "len() vs append");
            assertEquals(List.of(N, N + 1), lens);
        }

        @Test
        void lastElementVsAppend() {
            List<Integer> seen = new ArrayList<>();
            twice(Interleaving.run(() -> seen.add(l.getItem(-1)), () -> l.append(N)), "l[-1] vs append");
            assertEquals(List.of(N - 1, N), seen);
        }

        @Test
        void readOfTheLastIndexVsPop() {
            List<Object> seen = new ArrayList<>();
            twice(Interleaving.run(() -> {
                try {
                    seen.add(l.getItem(N - 1));
                } catch (IndexError e) {
                    seen.add(e.getMessage());
                }
            }, () -> l.pop()), "l[63] vs pop()");
            assertEquals(List.of(N - 1, "list index out of range"), seen);
        }

        @Test
        void appendsToTheSameList() {
            twice(Interleaving.run(() -> l.append(-1), () -> l.append(-2)), "append vs append (same list)");
            assertEquals(List.of(-2, -1), l.slice(N, null, null));
        }

        @Test
        void iterationVsAppend() {
            twice(Interleaving.run(() -> new ArrayList<>(l), () -> l.append(N)), "list(l) vs append");
        }

        @Test
        void popVsPop() {
            List<Integer> popped = new ArrayList<>();
            twice(Interleaving.run(() -> popped.add(l.pop()), () -> l.pop()), "pop() vs pop()");
            assertEquals(List.of(N - 1, N - 2), popped, "A's runs popped");
        }
    }
}
