package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The thread-to-context cache in front of the ThreadLocal: right owner always, dead threads let go. */
class ContextsTest {

    @Test
    void aThreadAlwaysGetsItsOwnContext() throws Exception {
        Transaction mine = Transaction.current();
        assertSame(mine, Transaction.current());
        assertSame(Thread.currentThread(), mine.thread);
    }

    /**
     * More live threads than table entries, so ids collide: every thread must still see one context
     * of its own, never another thread's, on the fast path and the slow path alike.
     */
    @Test
    void collidingLiveThreadsNeverShareAContext() throws Exception {
        int threads = 4096 + 300;
        CountDownLatch allStarted = new CountDownLatch(threads);
        CountDownLatch release = new CountDownLatch(1);
        Transaction[] first = new Transaction[threads];
        Transaction[] second = new Transaction[threads];
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int me = i;
            Thread t = new Thread(() -> {
                first[me] = Transaction.current();
                allStarted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                second[me] = Transaction.current(); // now other live threads occupy the colliding entries
            }, "ctx-" + i);
            t.setDaemon(true);
            t.start();
            started.add(t);
        }
        allStarted.await();
        release.countDown();
        for (Thread t : started) {
            t.join();
        }
        Map<Transaction, Integer> owners = new IdentityHashMap<>();
        for (int i = 0; i < threads; i++) {
            assertSame(first[i], second[i], "thread " + i + " changed context");
            assertSame(started.get(i), first[i].thread);
            Integer previous = owners.put(first[i], i);
            assertNull(previous, "threads " + previous + " and " + i + " share a context");
        }
        assertEquals(threads, owners.size());
    }

    /** The table holds contexts strongly; creating contexts sweeps out those of dead threads. */
    @Test
    void aDeadThreadsContextBecomesUnreachable() throws Exception {
        AtomicReference<WeakReference<Transaction>> dead = new AtomicReference<>();
        Thread t = new Thread(() -> dead.set(new WeakReference<>(Transaction.current())));
        t.start();
        t.join();
        // One full round of sweeps: SIZE / SWEEP context creations, on threads that die at once.
        for (int i = 0; i < 4096 / 16 + 1; i++) {
            Thread s = new Thread(Transaction::current);
            s.start();
            s.join();
        }
        for (int i = 0; i < 50 && dead.get().get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(dead.get().get() == null, "the dead thread's context is still reachable");
    }
}
