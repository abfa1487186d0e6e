package org.stm4j.collections;

import static java.util.concurrent.TimeUnit.DAYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;

/**
 * Producers, relays and consumers through two small {@link TQueue}s, every blocking and
 * non-blocking form mixed: each item is delivered exactly once, and each consumer sees the items of
 * one producer in the order produced (the relays move items with {@code atomic(() -> out.put(in.take()))},
 * which keeps FIFO order end to end).
 */
class TQueueStressTest {

    private static final int PILL = -1;

    @Test
    void producersRelaysConsumersDeliverEachItemOnceInOrder() throws InterruptedException {
        run(3, 2, 3, 1_500);
    }

    @Tag("slow")
    @Test
    void producersRelaysConsumersAtScale() throws InterruptedException {
        run(4, 2, 4, Math.max(1_500, Integer.getInteger("stm4j.stress.transactions", 20_000) / 50));
    }

    static void run(int producers, int relays, int consumers, int perProducer) throws InterruptedException {
        TQueue<Integer> in = new TQueue<>(4);
        TQueue<Integer> out = new TQueue<>(3);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> producerThreads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int base = p * perProducer;
            int style = p;
            producerThreads.add(TQueueTest.start(failure, () -> {
                for (int i = 0; i < perProducer; i++) {
                    Integer item = base + i;
                    switch ((style + i) % 4) {
                        case 0 -> in.put(item);
                        case 1 -> assertTrue(in.offer(item, 1, DAYS));
                        case 2 -> {
                            while (!in.offer(item)) {
                                Thread.yield();
                            }
                        }
                        default -> atomic(() -> {
                            if (!in.offer(item)) {
                                Stm.retry(); // a hand-written put
                            }
                        });
                    }
                }
            }));
        }
        List<Thread> relayThreads = new ArrayList<>();
        for (int r = 0; r < relays; r++) {
            relayThreads.add(TQueueTest.start(failure, () -> {
                for (;;) {
                    Integer moved = atomic(() -> {
                        Integer x = TQueueTest.takeIn(in);
                        if (x != PILL) {
                            try {
                                out.put(x);
                            } catch (InterruptedException e) {
                                throw new AssertionError(e);
                            }
                        }
                        return x;
                    });
                    if (moved == PILL) {
                        return;
                    }
                }
            }));
        }
        List<List<Integer>> received = new ArrayList<>();
        List<Thread> consumerThreads = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            List<Integer> mine = new ArrayList<>();
            received.add(mine);
            int style = c;
            consumerThreads.add(TQueueTest.start(failure, () -> {
                for (int i = 0;; i++) {
                    List<Integer> got = new ArrayList<>(2);
                    switch ((style + i) % 4) {
                        case 0 -> got.add(out.take());
                        case 1 -> {
                            Integer x = out.poll(1, DAYS);
                            assertTrue(x != null);
                            got.add(x);
                        }
                        case 2 -> {
                            if (out.drainTo(got, 2) == 0) {
                                got.add(out.take());
                            }
                        }
                        default -> {
                            Integer x;
                            while ((x = out.poll()) == null) {
                                Thread.yield();
                            }
                            got.add(x);
                        }
                    }
                    for (int k = 0; k < got.size(); k++) {
                        if (got.get(k) == PILL) {
                            // pills come after every item; a drain may take another consumer's: give it back
                            for (int j = k + 1; j < got.size(); j++) {
                                assertEquals(PILL, got.get(j), "an item after a pill");
                                out.put(PILL);
                            }
                            return;
                        }
                        mine.add(got.get(k));
                    }
                }
            }));
        }
        for (Thread t : producerThreads) {
            TQueueTest.join(t);
        }
        for (int r = 0; r < relays; r++) {
            in.put(PILL);
        }
        for (Thread t : relayThreads) {
            TQueueTest.join(t);
        }
        for (int c = 0; c < consumers; c++) {
            out.put(PILL);
        }
        for (Thread t : consumerThreads) {
            TQueueTest.join(t);
        }
        assertNull(failure.get(), () -> String.valueOf(failure.get()));
        assertTrue(in.isEmpty());
        assertTrue(out.isEmpty());

        int total = producers * perProducer;
        int[] seen = new int[total];
        for (List<Integer> mine : received) {
            int[] lastOfProducer = new int[producers];
            Arrays.fill(lastOfProducer, -1);
            for (int x : mine) {
                assertTrue(x >= 0 && x < total, "unknown item " + x);
                seen[x]++;
                int p = x / perProducer;
                assertTrue(x > lastOfProducer[p], "FIFO per producer broken: " + x + " after " + lastOfProducer[p]);
                lastOfProducer[p] = x;
            }
        }
        for (int x = 0; x < total; x++) {
            assertEquals(1, seen[x], "item " + x + " delivered " + seen[x] + " times");
        }
        assertFalse(received.stream().allMatch(List::isEmpty));
    }
}
