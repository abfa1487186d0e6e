package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stm4j.testkit.Stress;

/**
 * Concurrent adds and removes of a {@link TSet} lose nothing; the conflicts the javadoc promises.
 * (Elements moved between sets by several threads: {@code stress.SetMoveStressTest}.)
 */
class TSetConcurrencyTest {

    @Test
    void concurrentAddsOfDistinctElementsAreAllKept() throws InterruptedException {
        TSet<Integer> s = new TSet<>();
        int per = 1_000;
        Stress.run("set-adds", 4, Stress.budget(4L * per, 50_000), t -> {
            int base = t * per;
            for (int i = 0; i < per; i++) {
                assertTrue(s.add(base + i));
                assertTrue(s.add(-1 - (base + i)) && s.remove(-1 - (base + i)));
            }
        });
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
        Stress.run("set-races", threads, Stress.budget((long) threads * rounds, 50_000), me -> {
            for (int k = 0; k < rounds; k++) {
                int i = (k + me) % n;
                if (s.add(i)) {
                    added[me][i]++;
                }
                if (s.remove(i)) {
                    removed[me][i]++;
                }
            }
        });
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
