package org.stm4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.stm4j.Stm.atomic;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.testkit.Stress;

/**
 * Bounded buffers built from TVars, with producers and consumers that block in {@link Stm#retry()}
 * when a buffer is full or empty. Invariants: every item (a unique int) is delivered exactly once,
 * none is lost, the buffers end empty, and no worker waits forever (a lost wake-up shows as a
 * worker that never finishes). With one buffer, the items one consumer takes from one producer
 * arrive in the order produced (the buffer is FIFO). The {@link Stm#orElse} variant takes from
 * whichever of two buffers has an item, waiting on both when neither has; its producers fill one
 * buffer each and its consumers prefer different buffers, so that a wake-up lost for the second
 * branch of an {@code orElse} leaves a consumer waiting for ever (reported by {@link Stress#run}).
 *
 * <p>An item is one put and one take, so the size counts two transactions per item.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class ProducerConsumerStressTest {

    private static final int CAPACITY = 4;

    /** A FIFO ring of TVar slots; {@code put} and {@code take} must run inside a transaction. */
    static final class Buffer {
        private final TVar<Integer>[] slots;
        private final TVar<Integer> head = new TVar<>(0);
        private final TVar<Integer> count = new TVar<>(0);

        Buffer(int capacity) {
            this.slots = Stress.tvars(capacity, null);
        }

        void put(int item) {
            int c = count.get();
            if (c == slots.length) {
                Stm.retry();
            }
            int h = head.get();
            TVar<Integer> slot = slots[(h + c) % slots.length];
            if (slot.get() != null) {
                throw new AssertionError("put: slot " + (h + c) % slots.length + " of a buffer with " + c
                        + " items is occupied");
            }
            slot.set(item);
            count.set(c + 1);
        }

        int take() {
            int c = count.get();
            if (c == 0) {
                Stm.retry();
            }
            int h = head.get();
            Integer item = slots[h].get();
            if (item == null) {
                throw new AssertionError("take: head slot " + h + " of a buffer with " + c + " items is empty");
            }
            slots[h].set(null);
            head.set((h + 1) % slots.length);
            count.set(c - 1);
            return item;
        }

        /** Asserts (in a transaction) that the buffer is empty. */
        void assertEmpty(String name) {
            atomic(() -> {
                assertEquals(0, count.get(), name + ": items left");
                for (TVar<Integer> s : slots) {
                    assertNull(s.get(), name + ": slot not cleared");
                }
            });
        }
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void oneBufferDeliversEveryItemExactlyOnceInOrder(int threads) throws InterruptedException {
        int items = Math.max(1, Stress.size() / 2);
        int producers = threads / 2;
        int consumers = threads - producers;
        Buffer buffer = new Buffer(CAPACITY);
        AtomicIntegerArray delivered = new AtomicIntegerArray(items);

        Stress.run("pc-one", threads, Stress.budget(2L * items, 50_000), index -> {
            if (index < producers) {
                // Producer p makes items p, p + P, p + 2P, ... in that order.
                for (int item = index; item < items; item += producers) {
                    int it = item;
                    atomic(() -> buffer.put(it));
                }
                return;
            }
            int c = index - producers;
            int[] lastFrom = new int[producers];
            Arrays.fill(lastFrom, -1);
            for (int k = Stress.share(items, consumers, c); k > 0; k--) {
                int item = atomic(buffer::take);
                recordDelivery(delivered, item);
                int p = item % producers;
                if (item <= lastFrom[p]) {
                    throw new AssertionError("FIFO: consumer " + c + " took item " + item + " of producer " + p
                            + " after item " + lastFrom[p]);
                }
                lastFrom[p] = item;
            }
        });

        assertAllDeliveredOnce(delivered);
        buffer.assertEmpty("buffer");
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void orElseTakesFromWhicheverOfTwoBuffersHasAnItem(int threads) throws InterruptedException {
        int items = Math.max(1, Stress.size() / 2);
        int producers = threads / 2;
        int consumers = threads - producers;
        Buffer a = new Buffer(CAPACITY);
        Buffer b = new Buffer(CAPACITY);
        AtomicIntegerArray delivered = new AtomicIntegerArray(items);

        // Producer p fills only buffer a (even p) or b (odd p): with one producer, b stays empty.
        // Consumer c tries b first (even c) or a first (odd c), so some consumer always prefers a
        // buffer that is empty or starved, and each of its waits must be ended by a change to
        // what its *second* branch read.
        Stress.run("pc-orElse", threads, Stress.budget(2L * items, 50_000), index -> {
            if (index < producers) {
                Buffer home = index % 2 == 0 ? a : b;
                for (int item = index; item < items; item += producers) {
                    int it = item;
                    atomic(() -> home.put(it));
                }
                return;
            }
            int c = index - producers;
            Buffer first = c % 2 == 0 ? b : a;
            Buffer second = first == a ? b : a;
            for (int k = Stress.share(items, consumers, c); k > 0; k--) {
                int item = atomic(() -> Stm.orElse(first::take, second::take));
                recordDelivery(delivered, item);
            }
        });

        assertAllDeliveredOnce(delivered);
        a.assertEmpty("buffer a");
        b.assertEmpty("buffer b");
    }

    private static void recordDelivery(AtomicIntegerArray delivered, int item) {
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
