package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
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
     * Before JDK 19 a thread class may override {@code getId()}; such a thread, even one claiming the
     * id of a thread whose context is cached, gets a context of its own.
     */
    @Test
    @SuppressWarnings("deprecation")
    void aThreadThatOverridesGetIdIsNeverServedFromTheCache() throws Exception {
        Transaction mine = Transaction.current();
        long myId = Thread.currentThread().getId();
        assertSame(mine, Contexts.cached(Thread.currentThread()), "precondition: this thread's context is cached");
        AtomicReference<Transaction> theirs = new AtomicReference<>();
        Thread liar = new Thread(() -> {
            theirs.set(Transaction.current());
            assertSame(theirs.get(), Transaction.current());
        }) {
            @Override
            public long getId() {
                return myId;
            }
        };
        liar.start();
        liar.join();
        assertNotSame(mine, theirs.get());
        assertSame(mine, Contexts.cached(Thread.currentThread()), "the cache entry is still this thread's");
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

    /**
     * The cache refers to no thread; once a dead thread is collected, its entry is cleared and its
     * context becomes garbage (with its statistics retired and its version slot freed).
     */
    @Test
    void aDeadThreadsContextBecomesUnreachable() throws Exception {
        WeakReference<Transaction> dead = contextOfAThreadThatDied();
        for (int i = 0; i < 100 && dead.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertTrue(dead.get() == null, "the dead thread's context is still reachable");
    }

    /** Runs a thread that uses its context and dies; keeps no reference to the thread. */
    private static WeakReference<Transaction> contextOfAThreadThatDied() throws InterruptedException {
        AtomicReference<WeakReference<Transaction>> context = new AtomicReference<>();
        Thread t = new Thread(() -> {
            Transaction mine = Transaction.current();
            assertSame(mine, Transaction.current()); // the second lookup hits the cache
            context.set(new WeakReference<>(mine));
        });
        t.start();
        t.join();
        return context.get();
    }
}
