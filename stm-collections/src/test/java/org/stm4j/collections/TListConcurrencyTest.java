package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.stm4j.testkit.Stress;

/**
 * TList under real concurrency (small sizes: the invariants, not throughput). Items moved between
 * lists: {@code stress.ListTransferStressTest}.
 */
class TListConcurrencyTest {

    /** Runs {@code threads} workers together through the shared stress harness (a minute at most). */
    private static void runThreads(int threads, Stress.Worker body) throws InterruptedException {
        Stress.run("tlist", threads, Duration.ofMinutes(1), body);
    }

    @Test
    void concurrentAppendsAreAllKept() throws Exception {
        TList<Integer> l = new TList<>();
        int perThread = 2000;
        runThreads(4, t -> {
            for (int i = 0; i < perThread; i++) {
                l.append(t * perThread + i);
            }
        });
        assertEquals(4 * perThread, l.len());
        List<Integer> sorted = new ArrayList<>(l);
        sorted.sort(null);
        assertEquals(IntStream.range(0, 4 * perThread).boxed().collect(Collectors.toList()), sorted);
        // each thread's own elements stay in its order
        for (int t = 0; t < 4; t++) {
            int lo = t * perThread;
            List<Integer> mine = l.stream().filter(x -> x >= lo && x < lo + perThread).collect(Collectors.toList());
            assertEquals(IntStream.range(lo, lo + perThread).boxed().collect(Collectors.toList()), mine);
        }
    }

    @Test
    void countersAtDistinctIndicesAreExact() throws Exception {
        int threads = 4;
        TList<Integer> counters = TList.from(IntStream.range(0, threads + 1).map(i -> 0).boxed().collect(Collectors.toList()));
        runThreads(threads, t -> {
            for (int i = 0; i < 1000; i++) {
                atomic(() -> counters.setItem(t, counters.getItem(t) + 1));     // own index
                atomic(() -> counters.setItem(-1, counters.getItem(-1) + 1));  // shared index
            }
        });
        assertEquals(List.of(1000, 1000, 1000, 1000, 4000), counters);
    }

    @Test
    void snapshotsAreConsistentWhileWritersRun() throws Exception {
        // Writers keep the invariant "sum of the list is 0" by moving 1 between two random indices,
        // appending pairs (x, -x) and popping pairs; readers check it on every snapshot and in
        // iterations inside a transaction.
        TList<Integer> l = TList.of(0, 0, 0, 0, 0, 0);
        runThreads(4, t -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = 0; i < 1500; i++) {
                if (t < 2) {
                    int op = rnd.nextInt(3);
                    atomic(() -> {
                        int n = l.len();
                        if (op == 0) {
                            int x = rnd.nextInt(n);
                            int y = rnd.nextInt(n);
                            l.setItem(x, l.getItem(x) + 1);
                            l.setItem(y, l.getItem(y) - 1);
                        } else if (op == 1 && n < 40) {
                            l.extend(List.of(5, -5));
                        } else if (n > 6) {
                            l.append(l.pop() + l.pop());
                        }
                    });
                } else if (t == 2) {
                    assertEquals(0, l.copy().stream().mapToInt(Integer::intValue).sum());
                    assertEquals(0, l.stream().mapToInt(Integer::intValue).sum());
                } else {
                    int sum = atomic(() -> {
                        int s = 0;
                        for (Iterator<Integer> it = l.iterator(); it.hasNext();) {
                            s += it.next();
                        }
                        return s;
                    });
                    assertEquals(0, sum);
                }
            }
        });
        assertTrue(l.len() >= 6);
        assertEquals(0, l.stream().mapToInt(Integer::intValue).sum());
    }
}
