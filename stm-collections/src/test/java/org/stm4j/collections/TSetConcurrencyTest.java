package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stm4j.testkit.Stress;

/** Elements moved between sets by several threads stay exactly once; the conflicts the javadoc promises. */
class TSetConcurrencyTest {

    @Test
    void movingElementsBetweenTwoSetsKeepsEachExactlyOnce() throws InterruptedException {
        move(4, 2_000, 64);
    }

    @Tag("slow")
    @Test
    void movingElementsAtScale() throws InterruptedException {
        move(8, Math.max(2_000, Stress.size() / 50), 256);
    }

    static void move(int threads, int movesPerThread, int elements) throws InterruptedException {
        TSet<Integer> a = new TSet<>();
        TSet<Integer> b = new TSet<>();
        for (int i = 0; i < elements; i++) {
            (i % 2 == 0 ? a : b).add(i);
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            boolean forward = t % 2 == 0;
            int style = t;
            ts.add(TQueueTest.start(failure, () -> {
                TSet<Integer> from = forward ? a : b;
                TSet<Integer> to = forward ? b : a;
                for (int i = 0; i < movesPerThread; i++) {
                    switch ((style + i) % 3) {
                        case 0 -> atomic(() -> {
                            if (!from.isEmpty()) {
                                to.add(from.pop());
                            }
                        });
                        case 1 -> atomic(() -> {
                            for (Integer x : from) { // move the first one, by value
                                from.removeItem(x);
                                to.add(x);
                                return;
                            }
                        });
                        default -> atomic(() -> { // move a batch with the set operations
                            TSet<Integer> some = from.intersection(List.of(style, style + 2, style + 4));
                            from.differenceUpdate(some);
                            to.update(some);
                        });
                    }
                }
            }));
        }
        for (Thread t : ts) {
            TQueueTest.join(t);
        }
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        Set<Integer> all = new HashSet<>();
        for (Integer x : a) {
            assertTrue(all.add(x));
        }
        for (Integer x : b) {
            assertTrue(all.add(x), "in both sets: " + x);
        }
        assertEquals(elements, all.size());
        assertEquals(elements, a.len() + b.len());
        for (int i = 0; i < elements; i++) {
            assertTrue(all.contains(i));
        }
    }

    @Test
    void concurrentAddsOfDistinctElementsAreAllKept() throws InterruptedException {
        TSet<Integer> s = new TSet<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        int per = 1_000;
        for (int t = 0; t < 4; t++) {
            int base = t * per;
            ts.add(TQueueTest.start(failure, () -> {
                for (int i = 0; i < per; i++) {
                    assertTrue(s.add(base + i));
                    assertTrue(s.add(-1 - (base + i)) && s.remove(-1 - (base + i)));
                }
            }));
        }
        for (Thread t : ts) {
            TQueueTest.join(t);
        }
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        assertEquals(4 * per, s.len());
        assertEquals(4 * per, new HashSet<>(s).size());
    }

    @Test
    void racingAddsAndRemovesOfTheSameElementSucceedExactlyOnce() throws InterruptedException {
        TSet<Integer> s = new TSet<>();
        int n = 3; // few elements, so the threads race on them
        int rounds = 5_000;
        int threads = 4;
        int[][] added = new int[threads][n];
        int[][] removed = new int[threads][n];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int me = t;
            ts.add(TQueueTest.start(failure, () -> {
                for (int k = 0; k < rounds; k++) {
                    int i = (k + me) % n;
                    if (s.add(i)) {
                        added[me][i]++;
                    }
                    if (s.remove(i)) {
                        removed[me][i]++;
                    }
                }
            }));
        }
        for (Thread t : ts) {
            TQueueTest.join(t);
        }
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        for (int i = 0; i < n; i++) {
            int adds = 0;
            int removes = 0;
            for (int t = 0; t < threads; t++) {
                adds += added[t][i];
                removes += removed[t][i];
            }
            assertEquals(adds, removes + (s.contains(i) ? 1 : 0), "element " + i);
        }
    }

    @Test
    void conflictsFollowElements() throws InterruptedException {
        TSet<Integer> s = TSet.of(1, 2, 3);
        // no conflict: different elements, membership reads, re-adding a present element
        assertEquals(1, TQueueTest.attemptsWithConcurrentCommit(() -> s.discard(1), () -> s.discard(2)));
        assertEquals(1, TQueueTest.attemptsWithConcurrentCommit(() -> s.contains(3), () -> s.add(10)));
        assertEquals(1, TQueueTest.attemptsWithConcurrentCommit(() -> s.add(3), () -> s.discard(10)));
        assertEquals(1, TQueueTest.attemptsWithConcurrentCommit(() -> s.add(3), () -> s.contains(3)));
        assertEquals(1, TQueueTest.attemptsWithConcurrentCommit(() -> s.removeItem(3), () -> s.add(11)));
        // the witnesses: the same element, and whole-set reads
        assertEquals(2, TQueueTest.attemptsWithConcurrentCommit(() -> s.contains(20), () -> s.add(20)));
        assertEquals(2, TQueueTest.attemptsWithConcurrentCommit(() -> s.len(), () -> s.add(21)));
        assertEquals(2, TQueueTest.attemptsWithConcurrentCommit(() -> s.copy(), () -> s.discard(21)));
        assertEquals(List.of(11, 20), new ArrayList<>(s));
    }
}
