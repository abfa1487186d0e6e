package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.Stm;
import org.stm4j.collections.TQueue;
import org.stm4j.testkit.Stress;

/**
 * Producers and consumers through the bounded blocking {@link TQueue}. Invariants: every item (a
 * unique int) is delivered exactly once, none is lost, the queues end empty, and no worker waits
 * forever (a lost wake-up shows as a worker that never finishes, reported by {@link Stress#run}).
 * <ul>
 *   <li><b>one queue</b>, {@code put}/{@code take} outside transactions: the items one consumer
 *       takes from one producer arrive in the order produced (FIFO);</li>
 *   <li><b>a relay</b>: relays move items from a first queue to a second with
 *       {@code atomic(() -> out.put(in.take()))}, a transaction that waits until the first queue
 *       has an item <em>and</em> the second has room; an item is never lost or duplicated between
 *       the two, and FIFO order per producer holds end to end. Producers and consumers rotate
 *       through every blocking and non-blocking form ({@code put}, timed {@code offer}, spinning
 *       {@code offer}, a hand-written put with {@code Stm.retry()}; {@code take}, timed
 *       {@code poll}, {@code drainTo}, spinning {@code poll});</li>
 *   <li><b>{@code orElse}</b>: consumers take from whichever of two queues has an item, each
 *       preferring a different one, while the producers fill one queue each.</li>
 * </ul>
 * The queues hold {@value #CAPACITY} items, so producers block on full queues as often as
 * consumers on empty ones. An item is one put and one take (two transactions; three through the
 * relay), counted in the size.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class QueueStressTest {

    private static final int CAPACITY = 4;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void oneQueueDeliversEveryItemExactlyOnceInOrder(int threads) throws InterruptedException {
        int items = Math.max(1, Stress.size() / 2);
        int producers = threads / 2;
        int consumers = threads - producers;
        TQueue<Integer> queue = new TQueue<>(CAPACITY);
        AtomicIntegerArray delivered = new AtomicIntegerArray(items);

        Stress.run("queue-one", threads, Stress.budget(2L * items, 50_000), index -> {
            if (index < producers) {
                for (int item = index; item < items; item += producers) {
                    queue.put(item);
                }
                return;
            }
            int c = index - producers;
            int[] lastFrom = new int[producers];
            Arrays.fill(lastFrom, -1);
            for (int k = Stress.share(items, consumers, c); k > 0; k--) {
                int item = queue.take();
                record(delivered, item);
                int p = item % producers;
                if (item <= lastFrom[p]) {
                    throw new AssertionError("FIFO: consumer " + c + " took item " + item + " of producer " + p
                            + " after item " + lastFrom[p]);
                }
                lastFrom[p] = item;
            }
        });

        assertAllDeliveredOnce(delivered);
        assertTrue(queue.isEmpty(), "queue not empty: " + queue);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {3, 4, 8})
    void relayBetweenTwoQueuesLosesDuplicatesAndReordersNothing(int threads) throws InterruptedException {
        int items = Math.max(1, Stress.size() / 3);
        int producers = Math.max(1, threads / 3);
        int relays = Math.max(1, threads / 3);
        int consumers = threads - producers - relays;
        TQueue<Integer> first = new TQueue<>(CAPACITY);
        TQueue<Integer> second = new TQueue<>(CAPACITY);
        AtomicIntegerArray delivered = new AtomicIntegerArray(items);

        Stress.run("queue-relay", threads, Stress.budget(3L * items, 50_000), index -> {
            if (index < producers) {
                int form = index;
                for (int item = index; item < items; item += producers) {
                    enqueue(first, item, form++);
                }
            } else if (index < producers + relays) {
                for (int k = Stress.share(items, relays, index - producers); k > 0; k--) {
                    atomic(() -> {
                        try {
                            second.put(first.take());
                        } catch (InterruptedException e) {
                            throw new AssertionError("put/take threw inside a transaction", e);
                        }
                    });
                }
            } else {
                int c = index - producers - relays;
                int[] lastFrom = new int[producers];
                Arrays.fill(lastFrom, -1);
                int form = c;
                List<Integer> got = new ArrayList<>(2);
                for (int k = Stress.share(items, consumers, c); k > 0; k -= got.size()) {
                    got.clear();
                    dequeue(second, got, Math.min(2, k), form++);
                    for (int item : got) {
                        record(delivered, item);
                        int p = item % producers;
                        if (item <= lastFrom[p]) {
                            throw new AssertionError("FIFO through the relay: consumer " + c + " took item " + item
                                    + " of producer " + p + " after item " + lastFrom[p]);
                        }
                        lastFrom[p] = item;
                    }
                }
            }
        });

        assertAllDeliveredOnce(delivered);
        assertTrue(first.isEmpty() && second.isEmpty(), "queues not empty: " + first + ", " + second);
    }

    /** Enqueues {@code item} by one of the four blocking and non-blocking forms, chosen by {@code form}. */
    private static void enqueue(TQueue<Integer> q, Integer item, int form) throws InterruptedException {
        switch (form % 4) {
            case 0 -> q.put(item);
            case 1 -> {
                if (!q.offer(item, 1, TimeUnit.DAYS)) {
                    throw new AssertionError("offer with a day's timeout gave up");
                }
            }
            case 2 -> {
                while (!q.offer(item)) {
                    Thread.yield();
                }
            }
            default -> atomic(() -> {
                if (!q.offer(item)) {
                    Stm.retry(); // a hand-written put
                }
            });
        }
    }

    /**
     * Dequeues one item, or up to {@code max} by {@code drainTo}, by one of four blocking and
     * non-blocking forms, chosen by {@code form}, into {@code into}.
     */
    private static void dequeue(TQueue<Integer> q, List<Integer> into, int max, int form) throws InterruptedException {
        switch (form % 4) {
            case 0 -> into.add(q.take());
            case 1 -> {
                Integer x = q.poll(1, TimeUnit.DAYS);
                if (x == null) {
                    throw new AssertionError("poll with a day's timeout gave up");
                }
                into.add(x);
            }
            case 2 -> {
                if (q.drainTo(into, max) == 0) {
                    into.add(q.take());
                }
            }
            default -> {
                Integer x;
                while ((x = q.poll()) == null) {
                    Thread.yield();
                }
                into.add(x);
            }
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void orElseTakesFromWhicheverQueueHasAnItem(int threads) throws InterruptedException {
        int items = Math.max(1, Stress.size() / 2);
        int producers = threads / 2;
        int consumers = threads - producers;
        TQueue<Integer> a = new TQueue<>(CAPACITY);
        TQueue<Integer> b = new TQueue<>(CAPACITY);
        AtomicIntegerArray delivered = new AtomicIntegerArray(items);

        // Producer p fills only a (even p) or b (odd p): with one producer, b stays empty, so a
        // consumer that prefers b must be woken by a change to what its second branch read.
        Stress.run("queue-orElse", threads, Stress.budget(2L * items, 50_000), index -> {
            if (index < producers) {
                TQueue<Integer> home = index % 2 == 0 ? a : b;
                for (int item = index; item < items; item += producers) {
                    home.put(item);
                }
                return;
            }
            int c = index - producers;
            TQueue<Integer> preferred = c % 2 == 0 ? b : a;
            TQueue<Integer> other = preferred == a ? b : a;
            for (int k = Stress.share(items, consumers, c); k > 0; k--) {
                int item = atomic(() -> Stm.orElse(() -> take(preferred), () -> take(other)));
                record(delivered, item);
            }
        });

        assertAllDeliveredOnce(delivered);
        assertTrue(a.isEmpty() && b.isEmpty(), "queues not empty");
    }

    private static <E> E take(TQueue<E> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new AssertionError("take threw inside a transaction", e);
        }
    }

    private static void record(AtomicIntegerArray delivered, int item) {
        if (item < 0 || item >= delivered.length()) {
            throw new AssertionError("took item " + item + ", which was never produced");
        }
        int before = delivered.getAndIncrement(item);
        if (before != 0) {
            throw new AssertionError("item " + item + " delivered " + (before + 1) + " times");
        }
    }

    private static void assertAllDeliveredOnce(AtomicIntegerArray delivered) {
        int lost = 0;
        int firstLost = -1;
        for (int i = 0; i < delivered.length(); i++) {
            int n = delivered.get(i);
            if (n != 1) {
                assertEquals(0, n, "item " + i + " delivered " + n + " times");
                if (lost++ == 0) {
                    firstLost = i;
                }
            }
        }
        assertEquals(0, lost, lost + " items lost (first: " + firstLost + ")");
    }
}
