package org.stm4j.collections;

import static java.util.concurrent.TimeUnit.DAYS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stm4j.Stm.atomic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stm4j.RetryInterruptedException;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TransactionTimeoutException;
import org.stm4j.TxnConfig;

/** Single-threaded contract, blocking, composition, interruption and conflicts of {@link TQueue}. */
class TQueueTest {

    /** A hang guard only: no test asserts how long anything takes. */
    static final long GUARD_MS = 30_000;

    static TQueue<Integer> queueOf(int capacity, Integer... elements) {
        TQueue<Integer> q = new TQueue<>(capacity);
        for (Integer e : elements) {
            assertTrue(q.offer(e));
        }
        return q;
    }

    /** A queue whose elements wrap around the end of the ring. */
    static TQueue<Integer> wrapped(int capacity, int shift, Integer... elements) {
        TQueue<Integer> q = new TQueue<>(capacity);
        for (int i = 0; i < shift; i++) {
            q.offer(-1);
            q.poll();
        }
        for (Integer e : elements) {
            assertTrue(q.offer(e));
        }
        return q;
    }

    static List<Integer> contents(TQueue<Integer> q) {
        return new ArrayList<>(q);
    }

    /** Waits until {@code t} is parked (blocked in a wait), failing if it ends or the guard passes. */
    static void awaitParked(Thread t) throws InterruptedException {
        long end = System.nanoTime() + MILLISECONDS.toNanos(GUARD_MS);
        while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
            if (!t.isAlive() || System.nanoTime() - end > 0) {
                fail("thread did not block: " + t.getState());
            }
            Thread.sleep(1);
        }
    }

    static void join(Thread t) throws InterruptedException {
        t.join(GUARD_MS);
        if (t.isAlive()) {
            fail("hang guard: " + t.getName() + " still running; threads:\n" + threadDump());
        }
    }

    static String threadDump() {
        StringBuilder b = new StringBuilder();
        Thread.getAllStackTraces().forEach((th, stack) -> {
            b.append(th.getName()).append(' ').append(th.getState()).append('\n');
            for (StackTraceElement e : stack) {
                b.append("    at ").append(e).append('\n');
            }
        });
        return b.toString();
    }

    interface Body {
        void run() throws Exception;
    }

    static Thread start(AtomicReference<Throwable> failure, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static <T> T takeIn(TQueue<T> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            throw new AssertionError("take() threw InterruptedException inside a transaction", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Single-threaded contract
    // ---------------------------------------------------------------------------------------------

    @Test
    void capacityMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new TQueue<>(0));
        assertThrows(IllegalArgumentException.class, () -> new TQueue<>(-3));
        assertEquals(1, new TQueue<>(1).capacity());
        assertEquals(7, new TQueue<>(7).remainingCapacity());
    }

    @Test
    void fifoAcrossManyWrapArounds() {
        TQueue<Integer> q = new TQueue<>(3);
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50; round++) {
            int add = 1 + round % 3;
            for (int i = 0; i < add && q.remainingCapacity() > 0; i++) {
                assertTrue(q.offer(next++));
            }
            int take = 1 + (round * 7) % 3;
            for (int i = 0; i < take && !q.isEmpty(); i++) {
                assertEquals(expected++, q.poll());
            }
        }
        while (!q.isEmpty()) {
            assertEquals(expected++, q.poll());
        }
        assertEquals(next, expected);
    }

    @Test
    void boundedByCapacity() {
        TQueue<Integer> q = queueOf(3, 1, 2, 3);
        assertFalse(q.offer(4));
        assertThrows(IllegalStateException.class, () -> q.add(4));
        assertEquals(3, q.size());
        assertEquals(0, q.remainingCapacity());
        assertEquals(List.of(1, 2, 3), contents(q));
        assertEquals(1, q.poll());
        assertTrue(q.offer(4));
        assertEquals(List.of(2, 3, 4), contents(q));
        assertEquals(3, q.size()); // head == tail and full
        TQueue<Integer> one = queueOf(1, 9);
        assertFalse(one.offer(10));
        assertEquals(1, one.size());
        assertEquals(9, one.poll());
        assertEquals(0, one.size());
        assertTrue(one.isEmpty());
    }

    @Test
    void nullElementsAreRejectedAndChangeNothing() {
        TQueue<Integer> q = queueOf(2, 1);
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(NullPointerException.class, () -> q.add(null));
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.offer(null, 1, DAYS));
        assertThrows(NullPointerException.class, () -> q.offer(2, 1, null));
        assertThrows(NullPointerException.class, () -> q.poll(1, null));
        assertThrows(NullPointerException.class, () -> q.addAll(Arrays.asList(2, null)));
        assertThrows(IllegalArgumentException.class, () -> q.addAll(q));
        assertEquals(List.of(1), contents(q));
        assertFalse(q.contains(null));
        assertFalse(q.remove(null));
    }

    @Test
    void addAllInsideATransactionIsAllOrNothing() {
        TQueue<Integer> q = queueOf(3, 1);
        assertThrows(NullPointerException.class, () -> atomic(() -> q.addAll(Arrays.asList(2, null))));
        assertEquals(List.of(1), contents(q));
        assertThrows(IllegalStateException.class, () -> atomic(() -> q.addAll(List.of(2, 3, 4))));
        assertEquals(List.of(1), contents(q));
    }

    @Test
    void emptyQueue() {
        TQueue<String> q = new TQueue<>(2);
        assertNull(q.poll());
        assertNull(q.peek());
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
        assertThrows(NoSuchElementException.class, q::element);
        assertThrows(NoSuchElementException.class, q::remove);
        assertFalse(q.iterator().hasNext());
        assertThrows(NoSuchElementException.class, () -> q.iterator().next());
        assertEquals("[]", q.toString());
    }

    @Test
    void peekAndElementDoNotRemove() {
        TQueue<String> q = new TQueue<>(2);
        q.add("a");
        q.add("b");
        assertEquals("a", q.peek());
        assertEquals("a", q.element());
        assertEquals(2, q.size());
        assertEquals("a", q.remove());
        assertEquals("b", q.peek());
    }

    @Test
    void containsRemoveAndBulkRemovalKeepOrder() {
        TQueue<Integer> q = wrapped(6, 4, 1, 2, 3, 2, 5);
        assertTrue(q.contains(3));
        assertFalse(q.contains(4));
        assertTrue(q.remove(2)); // first occurrence
        assertEquals(List.of(1, 3, 2, 5), contents(q));
        assertFalse(q.remove(9));
        assertTrue(q.removeIf(x -> x == 3));
        assertEquals(List.of(1, 2, 5), contents(q));
        assertFalse(q.removeIf(x -> x > 10));
        assertTrue(q.removeAll(Set.of(1, 5)));
        assertEquals(List.of(2), contents(q));
        assertTrue(q.offer(7));
        assertTrue(q.offer(8));
        assertTrue(q.retainAll(Set.of(2, 8)));
        assertEquals(List.of(2, 8), contents(q));
        assertEquals(2, q.size());
        assertEquals(4, q.remainingCapacity());
        // the ring stays consistent: fill it up and drain it in order
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer(20 + i));
        }
        assertFalse(q.offer(99));
        assertEquals(List.of(2, 8, 20, 21, 22, 23), contents(q));
        for (int x : List.of(2, 8, 20, 21, 22, 23)) {
            assertEquals(x, q.poll());
        }
        assertNull(q.poll());
    }

    @Test
    void removingTheHeadAndTheLastElement() {
        TQueue<Integer> q = wrapped(3, 2, 1, 2, 3);
        assertTrue(q.remove(1));
        assertEquals(List.of(2, 3), contents(q));
        assertTrue(q.remove(3));
        assertEquals(List.of(2), contents(q));
        assertTrue(q.offer(4));
        assertTrue(q.offer(5));
        assertEquals(List.of(2, 4, 5), contents(q));
        assertTrue(q.removeIf(x -> true));
        assertTrue(q.isEmpty());
        assertEquals(3, q.remainingCapacity());
    }

    @Test
    void aThrowingPredicateChangesNothing() {
        TQueue<Integer> q = queueOf(4, 1, 2, 3);
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> q.removeIf(x -> {
            if (x == 3) {
                throw boom;
            }
            return true;
        }));
        assertSame(boom, thrown);
        assertEquals(List.of(1, 2, 3), contents(q));
        assertThrows(NullPointerException.class, () -> q.removeIf(null));
        assertThrows(NullPointerException.class, () -> q.removeAll(null));
        assertThrows(NullPointerException.class, () -> q.retainAll(null));
    }

    @Test
    void clearEmptiesAndKeepsTheRingUsable() {
        TQueue<Integer> q = wrapped(4, 3, 1, 2, 3, 4);
        q.clear();
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
        assertEquals(4, q.remainingCapacity());
        for (int i = 0; i < 4; i++) {
            assertTrue(q.offer(i));
        }
        assertEquals(List.of(0, 1, 2, 3), contents(q));
    }

    @Test
    void iteratorIsASnapshot() {
        TQueue<Integer> q = wrapped(4, 2, 1, 2, 3);
        Iterator<Integer> it = q.iterator();
        q.poll();
        q.offer(4);
        q.offer(5);
        List<Integer> seen = new ArrayList<>();
        it.forEachRemaining(seen::add);
        assertEquals(List.of(1, 2, 3), seen);
        assertEquals(List.of(2, 3, 4, 5), contents(q));
        assertArrayEquals(new Object[] {2, 3, 4, 5}, q.toArray());
        assertArrayEquals(new Integer[] {2, 3, 4, 5}, q.toArray(new Integer[0]));
        Integer[] big = {9, 9, 9, 9, 9, 9};
        assertSame(big, q.toArray(big));
        assertArrayEquals(new Integer[] {2, 3, 4, 5, null, 9}, big);
        assertEquals("[2, 3, 4, 5]", q.toString());
        assertEquals(List.of(2, 3, 4, 5), q.stream().collect(Collectors.toList()));
        assertEquals(14, q.stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void iteratorRemove() {
        TQueue<Integer> q = wrapped(5, 3, 1, 2, 3, 4);
        Iterator<Integer> it = q.iterator();
        assertThrows(IllegalStateException.class, it::remove);
        assertEquals(1, it.next());
        assertEquals(2, it.next());
        it.remove();
        assertThrows(IllegalStateException.class, it::remove);
        assertEquals(List.of(1, 3, 4), contents(q));
        assertEquals(3, it.next());
        it.remove(); // the slots after a removed element do not move
        assertEquals(List.of(1, 4), contents(q));
        assertEquals(4, it.next());
        assertEquals(1, q.poll());
        assertEquals(4, q.poll());
        it.remove(); // taken meanwhile: nothing to remove
        assertTrue(q.isEmpty());
        assertFalse(it.hasNext());
    }

    /**
     * Issue 13, D8: {@code remove()} must remove the element last returned even if it has moved
     * because another thread removed a later element meanwhile (removals from the middle shift the
     * elements before them towards the tail).
     */
    @Test
    void iteratorRemoveFindsAnElementThatMoved() {
        TQueue<Integer> q = queueOf(4, 1, 2);
        Iterator<Integer> it = q.iterator();
        assertEquals(1, it.next());
        assertTrue(q.remove(2)); // another thread: 1 moves one slot on
        it.remove();
        assertEquals(List.of(), contents(q));

        // wrapped around the ring, several moves, takes and puts in between
        TQueue<Integer> w = wrapped(5, 3, 1, 2, 3, 4, 5);
        Iterator<Integer> wi = w.iterator();
        assertEquals(1, wi.next());
        assertEquals(2, wi.next());
        assertEquals(3, wi.next());
        assertTrue(w.remove(4));        // 1, 2, 3 move
        assertEquals(1, w.poll());      // taken
        assertTrue(w.offer(6));
        assertTrue(w.remove(5));        // 2, 3 move again
        assertTrue(w.offer(7));
        wi.remove();                    // 3, wherever it is now
        assertEquals(List.of(2, 6, 7), contents(w));
        assertEquals(List.of(4, 5), drain(wi)); // the rest of the snapshot

        // an equal (and identical) element put after the snapshot is never taken for it
        String a = "a";
        TQueue<String> s = new TQueue<>(3);
        s.add(a);
        s.add("b");
        Iterator<String> si = s.iterator();
        assertSame(a, si.next());
        assertSame(a, s.poll());        // the occurrence returned has left the queue
        s.add(a);                       // the same reference again, behind "b"
        assertTrue(s.remove("b"));      // ...which moves it
        si.remove();                    // nothing to remove: that occurrence is gone
        assertEquals(List.of(a), new ArrayList<>(s));

        // removeIf (several removals in one) moves elements too
        TQueue<Integer> r = queueOf(6, 1, 2, 3, 4, 5);
        Iterator<Integer> ri = r.iterator();
        assertEquals(1, ri.next());
        assertEquals(2, ri.next());
        assertTrue(r.removeIf(e -> e == 1 || e == 4 || e == 5));
        ri.remove();
        assertEquals(List.of(3), contents(r));
    }

    /** Past the removals the queue logs, {@code remove()} fails loudly rather than guess. */
    @Test
    void iteratorRemoveFailsLoudlyWhenItCannotTrackItsElement() {
        TQueue<Integer> q = new TQueue<>(100);
        q.add(1000);
        for (int i = 0; i < 40; i++) {
            q.add(i);
        }
        Iterator<Integer> it = q.iterator();
        assertEquals(1000, it.next());
        for (int i = 39; i >= 0; i--) {
            assertTrue(q.remove(i)); // 40 removals behind it: 1000 moves 40 times
        }
        assertThrows(java.util.ConcurrentModificationException.class, it::remove);
        assertEquals(List.of(1000), contents(q));
        // ...but if the element is gone, there is nothing to remove: no exception
        TQueue<Integer> r = queueOf(100, 2000);
        Iterator<Integer> ri = r.iterator();
        assertEquals(2000, ri.next());
        r.clear();
        ri.remove();
        assertTrue(r.isEmpty());
        // one removeIf of many elements is tracked as one removal
        TQueue<Integer> big = new TQueue<>(1000);
        for (int i = 0; i < 600; i++) {
            big.add(i);
        }
        Iterator<Integer> bi = big.iterator();
        assertEquals(0, bi.next());
        assertTrue(big.removeIf(e -> e % 3 == 0 && e > 0)); // 199 removed in one
        bi.remove();
        assertEquals(400, big.size());
        assertEquals(1, big.peek());
    }

    private static <T> List<T> drain(Iterator<T> it) {
        List<T> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void drainTo() {
        TQueue<Integer> q = wrapped(5, 4, 1, 2, 3, 4);
        List<Integer> sink = new ArrayList<>(List.of(0));
        assertEquals(0, q.drainTo(sink, 0));
        assertEquals(2, q.drainTo(sink, 2));
        assertEquals(List.of(0, 1, 2), sink);
        assertEquals(2, q.drainTo(sink));
        assertEquals(List.of(0, 1, 2, 3, 4), sink);
        assertEquals(0, q.drainTo(sink));
        assertThrows(NullPointerException.class, () -> q.drainTo(null));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q, 1));
    }

    @Test
    void drainToInsideATransactionComposes() {
        TQueue<Integer> from = queueOf(4, 1, 2, 3);
        TQueue<Integer> to = queueOf(4, 0);
        RuntimeException boom = new RuntimeException("boom");
        assertSame(boom, assertThrows(RuntimeException.class, () -> atomic(() -> {
            assertEquals(3, from.drainTo(to));
            throw boom;
        })));
        assertEquals(List.of(1, 2, 3), contents(from));
        assertEquals(List.of(0), contents(to));
        // the target fills up: the drain is undone, the exception propagates
        TQueue<Integer> small = queueOf(2, 0);
        assertThrows(IllegalStateException.class, () -> atomic(() -> from.drainTo(small)));
        assertEquals(List.of(1, 2, 3), contents(from));
        assertEquals(List.of(0), contents(small));
        assertEquals(3, atomic(() -> from.drainTo(to)));
        assertEquals(List.of(0, 1, 2, 3), contents(to));
        assertTrue(from.isEmpty());
    }

    @Test
    void equalityIsIdentity() {
        TQueue<Integer> a = queueOf(2, 1);
        TQueue<Integer> b = queueOf(2, 1);
        assertFalse(a.equals(b));
        assertTrue(a.equals(a));
    }

    // ---------------------------------------------------------------------------------------------
    // Composition
    // ---------------------------------------------------------------------------------------------

    @Test
    void operationsComposeInsideOneTransaction() {
        TQueue<Integer> a = queueOf(3, 1, 2);
        TQueue<Integer> b = queueOf(3);
        atomic(() -> {
            b.add(a.poll());
            b.add(a.poll());
            assertTrue(a.isEmpty());
            assertEquals(2, b.size());
        });
        assertEquals(List.of(1, 2), contents(b));
        RuntimeException boom = new RuntimeException();
        assertThrows(RuntimeException.class, () -> atomic(() -> {
            a.add(b.poll());
            throw boom;
        }));
        assertEquals(List.of(1, 2), contents(b));
        assertTrue(a.isEmpty());
    }

    @Test
    void orElseTakesFromWhicheverQueueHasAnElement() {
        TQueue<String> q1 = new TQueue<>(2);
        TQueue<String> q2 = new TQueue<>(2);
        q2.add("two");
        assertEquals("two", Stm.orElse(() -> takeIn(q1), () -> takeIn(q2)));
        q1.add("one");
        q2.add("two");
        assertEquals("one", Stm.orElse(() -> takeIn(q1), () -> takeIn(q2)));
        assertEquals(List.of("two"), new ArrayList<>(q2));
    }

    @Test
    void orElseWaitsOnBothQueues() throws InterruptedException {
        TQueue<String> q1 = new TQueue<>(2);
        TQueue<String> q2 = new TQueue<>(2);
        for (TQueue<String> fed : List.of(q1, q2)) {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicReference<String> got = new AtomicReference<>();
            Thread t = start(failure, () -> got.set(Stm.orElse(() -> takeIn(q1), () -> takeIn(q2))));
            awaitParked(t);
            fed.put(fed == q1 ? "one" : "two");
            join(t);
            assertNull(failure.get());
            assertEquals(fed == q1 ? "one" : "two", got.get());
            assertTrue(q1.isEmpty() && q2.isEmpty());
        }
    }

    @Test
    void aFullQueueMakesTheWholeBlockWait() throws InterruptedException {
        TQueue<Integer> q = queueOf(1, 1);
        TVar<Boolean> marker = new TVar<>(false);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(failure, () -> atomic(() -> {
            marker.set(true);
            try {
                q.put(2);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        awaitParked(t);
        assertFalse(marker.get(), "the waiting block's writes are not visible");
        assertEquals(1, q.take());
        join(t);
        assertNull(failure.get());
        assertTrue(marker.get());
        assertEquals(List.of(2), contents(q));
    }

    // ---------------------------------------------------------------------------------------------
    // Blocking outside a transaction
    // ---------------------------------------------------------------------------------------------

    @Test
    void putBlocksWhileFull() throws InterruptedException {
        TQueue<Integer> q = queueOf(2, 1, 2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(failure, () -> q.put(3));
        awaitParked(t);
        assertEquals(List.of(1, 2), contents(q));
        assertEquals(1, q.take());
        join(t);
        assertNull(failure.get());
        assertEquals(List.of(2, 3), contents(q));
    }

    @Test
    void takeBlocksWhileEmpty() throws InterruptedException {
        TQueue<Integer> q = new TQueue<>(2);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Integer> got = new AtomicReference<>();
        Thread t = start(failure, () -> got.set(q.take()));
        awaitParked(t);
        q.put(7);
        join(t);
        assertNull(failure.get());
        assertEquals(7, got.get());
        assertTrue(q.isEmpty());
    }

    @Test
    void timedOfferAndPollOutsideATransaction() throws InterruptedException {
        TQueue<Integer> q = queueOf(1, 1);
        assertFalse(q.offer(2, 20, MILLISECONDS));
        assertFalse(q.offer(2, 0, MILLISECONDS));
        assertFalse(q.offer(2, -5, DAYS));
        assertEquals(List.of(1), contents(q));
        assertEquals(1, q.poll(1, DAYS)); // available: no wait
        assertNull(q.poll(20, MILLISECONDS));
        assertNull(q.poll(0, NANOSECONDS));
        assertTrue(q.offer(3, 1, DAYS));
        assertEquals(List.of(3), contents(q));
    }

    @Test
    void timedPollIsWokenByAPut() throws InterruptedException {
        TQueue<Integer> q = new TQueue<>(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Integer> got = new AtomicReference<>();
        Thread t = start(failure, () -> got.set(q.poll(1, DAYS)));
        awaitParked(t);
        q.put(5);
        join(t);
        assertNull(failure.get());
        assertEquals(5, got.get());
    }

    @Test
    void timedOfferIsWokenByATake() throws InterruptedException {
        TQueue<Integer> q = queueOf(1, 1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> got = new AtomicReference<>();
        Thread t = start(failure, () -> got.set(q.offer(2, 1, DAYS)));
        awaitParked(t);
        assertEquals(1, q.take());
        join(t);
        assertNull(failure.get());
        assertTrue(got.get());
        assertEquals(List.of(2), contents(q));
    }

    @Test
    void timedWaitInsideATransactionIsTheEnclosingBlocksWait() throws InterruptedException {
        TQueue<Integer> q = new TQueue<>(1);
        TxnConfig shortBlock = TxnConfig.builder().timeout(Duration.ofMillis(20)).build();
        // a positive timeout behaves like take(): the enclosing block waits and its own timeout applies
        assertThrows(TransactionTimeoutException.class, () -> shortBlock.atomic(() -> {
            try {
                return q.poll(1, DAYS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        q.put(1);
        assertThrows(TransactionTimeoutException.class, () -> shortBlock.atomic(() -> {
            try {
                return q.offer(2, 1, NANOSECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        // a timeout <= 0 does not wait, inside a transaction too
        assertFalse(atomic(() -> {
            try {
                return q.offer(2, 0, DAYS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        assertEquals(1, atomic(() -> {
            try {
                assertEquals(1, q.poll(0, DAYS));
                return q.poll(-1, DAYS) == null ? 1 : 0;
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }));
        // and a later put wakes the block
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Integer> got = new AtomicReference<>();
        Thread t = start(failure, () -> got.set(atomic(() -> {
            try {
                return q.poll(1, NANOSECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        })));
        awaitParked(t);
        q.put(9);
        join(t);
        assertNull(failure.get());
        assertEquals(9, got.get());
    }

    // ---------------------------------------------------------------------------------------------
    // Interruption
    // ---------------------------------------------------------------------------------------------

    /** Runs {@code body} in a thread, interrupts it once parked, returns what it threw. */
    static Throwable interruptWhileBlocked(Body body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread t = start(failure, () -> {
            try {
                body.run();
            } finally {
                flagAfter.set(Thread.currentThread().isInterrupted());
            }
        });
        awaitParked(t);
        t.interrupt();
        join(t);
        Throwable thrown = failure.get();
        if (thrown instanceof InterruptedException) {
            assertFalse(flagAfter.get(), "InterruptedException clears the interrupt status");
        }
        return thrown;
    }

    @Test
    void interruptedTakeAndPutThrowInterruptedException() throws InterruptedException {
        TQueue<Integer> empty = new TQueue<>(1);
        assertTrue(interruptWhileBlocked(empty::take) instanceof InterruptedException);
        assertTrue(interruptWhileBlocked(() -> empty.poll(1, DAYS)) instanceof InterruptedException);
        assertTrue(empty.isEmpty());
        TQueue<Integer> full = queueOf(1, 1);
        assertTrue(interruptWhileBlocked(() -> full.put(2)) instanceof InterruptedException);
        assertTrue(interruptWhileBlocked(() -> full.offer(2, 1, DAYS)) instanceof InterruptedException);
        assertEquals(List.of(1), contents(full));
        // the queue still works for the next waiter
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = start(failure, () -> full.put(3));
        awaitParked(t);
        assertEquals(1, full.take());
        join(t);
        assertNull(failure.get());
        assertEquals(List.of(3), contents(full));
    }

    @Test
    void interruptedOnEntryThrowsEvenWhenNoWaitIsNeeded() {
        TQueue<Integer> q = queueOf(2, 1);
        for (Body call : List.<Body>of(q::take, () -> q.put(2), () -> q.poll(1, DAYS), () -> q.offer(2, 1, DAYS))) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, call::run);
            assertFalse(Thread.interrupted());
        }
        assertEquals(List.of(1), contents(q));
        Thread.currentThread().interrupt();
        try {
            assertEquals(1, q.poll()); // the non-blocking forms ignore interruption
            assertTrue(q.offer(2));
        } finally {
            assertTrue(Thread.interrupted());
        }
    }

    @Test
    void interruptedInsideATransactionTheBlockThrowsRetryInterruptedException() throws InterruptedException {
        TQueue<Integer> q = new TQueue<>(1);
        Throwable thrown = interruptWhileBlocked(() -> atomic(() -> takeIn(q)));
        assertTrue(thrown instanceof RetryInterruptedException, String.valueOf(thrown));
        assertTrue(q.isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // Conflicts
    // ---------------------------------------------------------------------------------------------

    /**
     * Runs {@code first} in a transaction that, in its first attempt, lets {@code second} commit in
     * another thread before committing itself; returns how many attempts {@code first} took.
     */
    static int attemptsWithConcurrentCommit(Runnable first, Runnable second) throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread other = start(failure, () -> {
            assertTrue(inFirst.await(GUARD_MS, MILLISECONDS));
            second.run();
            secondDone.countDown();
        });
        TVar<Integer> scratch = new TVar<>(0);
        atomic(() -> {
            first.run();
            scratch.set(attempts.get()); // an update transaction, so its reads are validated at commit
            if (attempts.incrementAndGet() == 1) {
                inFirst.countDown();
                try {
                    assertTrue(secondDone.await(GUARD_MS, MILLISECONDS));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
        });
        join(other);
        assertNull(failure.get());
        return attempts.get();
    }

    @Test
    void putAndTakeDoNotConflictUnlessEmptyOrFull() throws InterruptedException {
        TQueue<Integer> q = queueOf(4, 1, 2);
        assertEquals(1, attemptsWithConcurrentCommit(q::poll, () -> q.offer(3)));
        assertEquals(1, attemptsWithConcurrentCommit(() -> q.offer(4), q::poll));
        assertEquals(1, attemptsWithConcurrentCommit(q::peek, () -> q.offer(5)));
        assertEquals(List.of(3, 4, 5), contents(q));
        // the witnesses that the probe can see a conflict at all
        assertEquals(2, attemptsWithConcurrentCommit(q::poll, q::poll));
        assertEquals(2, attemptsWithConcurrentCommit(() -> q.offer(6), () -> q.offer(7)));
        assertEquals(2, attemptsWithConcurrentCommit(q::size, () -> q.offer(8)));
        TQueue<Integer> empty = new TQueue<>(4);
        assertEquals(2, attemptsWithConcurrentCommit(empty::poll, () -> empty.offer(1)));
    }
}
