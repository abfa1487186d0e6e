package org.stm4j.collections.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.Stm;
import org.stm4j.collections.IndexError;
import org.stm4j.collections.KeyError;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;
import org.stm4j.collections.TQueue;
import org.stm4j.collections.TSet;

/**
 * The stm-collections code samples of {@code docs/guide.md} and of the {@code org.stm4j.collections}
 * javadoc, each in a {@code // region} that stm-core's {@code DocSnippetsTest} compares with the
 * documentation, and each run here with assertions on what the text claims.
 */
@Timeout(60)
class CollectionsSnippetsTest {

    @Test
    void tlistJavadoc() {
        // region javadoc-tlist
        TList<String> inbox = TList.of("a", "b"), done = new TList<>();
        atomic(() -> done.append(inbox.pop()));   // moves one item: never lost, never duplicated
        // endregion
        assertEquals(List.of("a"), inbox);
        assertEquals(List.of("b"), done);
    }

    @Test
    void tdictJavadoc() {
        // region javadoc-tdict
        TDict<String, Integer> stock = new TDict<>();
        atomic(() -> stock.put("apples", stock.get("apples", 0) + 1));
        // endregion
        assertEquals(Map.of("apples", 1), stock);
    }

    @Test
    void tsetJavadoc() {
        // region javadoc-tset
        TSet<String> todo = TSet.of("a", "b"), done = new TSet<>();
        atomic(() -> done.add(todo.pop()));                 // never loses or duplicates an element
        TSet<String> both = todo.union(done);               // a new set, from one consistent state
        // endregion
        assertEquals(Set.of("a", "b"), both);
    }

    @Test
    void tqueueJavadoc() throws InterruptedException {
        // region javadoc-tqueue
        TQueue<String> in = new TQueue<>(64), out = new TQueue<>(64);
        in.put("job");                       // outside a transaction: its own, waits while full
        atomic(() -> {                       // moves one element: never loses or duplicates it
            try {
                out.put(in.take());          // the whole block waits until in has one and out has room
            } catch (InterruptedException e) {
                throw new AssertionError(e); // never thrown inside a transaction (see below)
            }
        });
        // endregion
        assertEquals("job", out.poll());
        assertTrue(in.isEmpty());
    }

    @Test
    void pythonTour() {
        // region guide-collections
        TList<String> names = TList.of("ada", "alan", "grace");
        names.append("edsger");                      // names.append("edsger")
        String last = names.pop();                   // names.pop()       -> "edsger"
        String first = names.getItem(-3);            // names[-3]         -> "ada"
        TList<String> middle = names.slice(1, null, null);   // names[1:] -> ["alan", "grace"]

        TDict<String, Integer> ages = new TDict<>();
        ages.setItem("ada", 36);                     // ages["ada"] = 36
        int age = ages.getItem("ada");               // ages["ada"]; KeyError if absent
        ages.setdefault("alan", 41);                 // ages.setdefault("alan", 41)
        Map.Entry<String, Integer> newest = ages.popitem();   // ("alan", 41): last inserted

        TSet<String> seen = TSet.of("ada", "alan");
        TSet<String> common = seen.intersection(names);   // seen & set(names) -> {"ada", "alan"}

        TQueue<String> jobs = new TQueue<>(16);      // bounded, blocking, FIFO
        jobs.offer("compile");                       // false when full; put() waits instead
        // endregion
        assertEquals("edsger", last);
        assertEquals("ada", first);
        assertEquals(List.of("alan", "grace"), middle);
        assertEquals(36, age);
        assertEquals(Map.entry("alan", 41), newest);
        assertEquals(Set.of("ada", "alan"), common);
        assertEquals("compile", jobs.poll());
    }

    @Test
    void pythonErrors() {
        // region guide-python-errors
        TList<Integer> empty = new TList<>();
        try {
            empty.pop();
        } catch (IndexError e) {                     // an IndexOutOfBoundsException
            System.out.println(e.getMessage());      // pop from empty list
        }
        TDict<String, Integer> d = new TDict<>();
        Integer missing = d.get("x");                // java.util.Map contract: null
        try {
            d.getItem("x");                          // Python contract: KeyError
        } catch (KeyError e) {                       // a NoSuchElementException
            System.out.println(e.getMessage());      // 'x'
        }
        // endregion
        assertEquals(null, missing);
        assertEquals("pop from empty list", assertThrows(IndexError.class, empty::pop).getMessage());
    }

    @Test
    void transferComposes() throws InterruptedException {
        // region guide-transfer
        TList<Integer> left = new TList<>(), right = new TList<>();
        for (int i = 0; i < 1000; i++) {
            left.append(i);
        }
        Runnable leftToRight = () -> atomic(() -> {
            if (!left.isEmpty()) {
                right.append(left.pop());            // one transaction: pop and append together
            }
        });
        Runnable rightToLeft = () -> atomic(() -> {
            if (!right.isEmpty()) {
                left.append(right.pop());
            }
        });
        Thread a = new Thread(() -> { for (int i = 0; i < 5000; i++) leftToRight.run(); });
        Thread b = new Thread(() -> { for (int i = 0; i < 5000; i++) rightToLeft.run(); });
        a.start();
        b.start();
        a.join();
        b.join();
        int total = atomic(() -> left.len() + right.len());   // always 1000: nothing lost or doubled
        // endregion
        assertEquals(1000, total);
        List<Integer> all = new ArrayList<>(left);
        all.addAll(right);
        all.sort(null);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, all.get(i));
        }
    }

    @Test
    void crossUpdateNeitherDeadlocksNorTears() throws InterruptedException {
        // region guide-cross-update
        TDict<String, Integer> d1 = new TDict<>(), d2 = new TDict<>();
        d1.put("a", 1);
        d2.put("b", 2);
        Thread t1 = new Thread(() -> atomic(() -> d1.update(d2)));   // reads d2, writes d1
        Thread t2 = new Thread(() -> atomic(() -> d2.update(d1)));   // reads d1, writes d2
        t1.start();
        t2.start();
        t1.join();
        t2.join();
        // Serializable: one ran first. Either d1 = {a, b} and d2 = {b, a}, or the other way round;
        // never a mixture, and no lock ordering to get wrong.
        // endregion
        assertEquals(Set.of("a", "b"), d1.keySet());
        assertEquals(Set.of("a", "b"), d2.keySet());
    }

    @Test
    void producerConsumerWithTQueue() throws InterruptedException {
        // region guide-tqueue
        TQueue<Integer> queue = new TQueue<>(8);    // put() waits while 8 are queued
        Thread producer = new Thread(() -> {
            try {
                for (int i = 1; i <= 100; i++) {
                    queue.put(i);
                }
                queue.put(-1);                       // end of stream
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        long sum = 0;
        for (int item = queue.take(); item != -1; item = queue.take()) {
            sum += item;
        }
        // endregion
        producer.join();
        assertEquals(5050, sum);
    }

    @Test
    void takeFromWhicheverQueueHasAnItem() throws InterruptedException {
        // region guide-two-queues
        TQueue<String> urgent = new TQueue<>(16), normal = new TQueue<>(16);
        List<String> handled = new CopyOnWriteArrayList<>();   // what the worker did, in order
        Thread worker = new Thread(() -> {
            while (true) {
                String job = Stm.orElse(
                        () -> { String j = urgent.poll(); if (j == null) Stm.retry(); return j; },
                        () -> { String j = normal.poll(); if (j == null) Stm.retry(); return j; });
                if (job.equals("stop")) {
                    return;
                }
                handled.add(job);                    // urgent jobs first; waits while both are empty
            }
        });
        worker.start();
        normal.put("report");
        urgent.put("outage");
        normal.put("stop");
        worker.join();
        // endregion
        assertEquals(Set.of("report", "outage"), Set.copyOf(handled));
    }

    @Test
    void methodReferencesToOverloadedMethods() {
        // region guide-method-refs
        TList<String> list = TList.of("a", "b", "c");
        TQueue<String> queue = new TQueue<>(4);
        queue.add("job");

        // String last = atomic(list::pop);     does not compile: "reference to atomic is ambiguous"
        String last = atomic(() -> list.pop());   // a lambda: the overload with a result is chosen
        String job = atomic(() -> queue.poll());
        atomic(() -> {                             // no result wanted: a block body
            list.pop();
        });
        Supplier<String> next = list::pop;        // or give the reference its type first
        String first = atomic(next);
        int n = atomic(list::len);                // a method with one overload only is fine as is
        // endregion
        assertEquals("c", last);
        assertEquals("job", job);
        assertEquals("a", first);
        assertEquals(0, n);
        assertTrue(queue.isEmpty());
    }
}
