package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.collections.internal.ListSlots;

/**
 * Issue 13, D4 for {@code TList}: capacity grown by a block that never commits is given back; and
 * giving it back loses nothing a concurrent transaction appends, and never shows one a missing slot.
 */
@Timeout(120)
class TListAbandonedGrowthTest {

    private static int capacity(TList<?> list) throws ReflectiveOperationException {
        Field f = TList.class.getDeclaredField("slots");
        f.setAccessible(true);
        return ((ListSlots) f.get(list)).capacity();
    }

    @Test
    void aBlockThatThrowsLeavesNoCapacityBehind() throws Exception {
        TList<Integer> list = TList.of(1, 2, 3);
        int before = capacity(list);
        assertThrows(IllegalStateException.class, () -> atomic(() -> {
            for (int i = 0; i < 200_000; i++) {
                list.append(i);
            }
            throw new IllegalStateException("abandoned");
        }));
        assertEquals(List.of(1, 2, 3), new ArrayList<>(list));
        int after = capacity(list);
        // before the fix: 262,128 slots (every chunk the block created stayed)
        assertTrue(after <= before + ListSlots.TRIM_FROM_SLOTS, "capacity " + before + " -> " + after);
        list.append(4); // and the list grows again as usual
        assertEquals(List.of(1, 2, 3, 4), new ArrayList<>(list));
    }

    /** A block that grows the list and waits in retry is not trimmed (that would wake it, again and again). */
    @Test
    void aBlockThatGrowsAndRetriesIsNotWokenByTrimming() throws Exception {
        TList<Integer> list = new TList<>();
        TVar<Boolean> go = new TVar<>(false);
        int[] attempts = {0};
        Thread waiter = new Thread(() -> atomic(() -> {
            attempts[0]++;
            for (int i = 0; i < 5000; i++) {
                list.append(i);
            }
            if (!go.get()) {
                Stm.retry();
            }
        }));
        waiter.start();
        Thread.sleep(300);
        int whileWaiting = attempts[0];
        go.set(true);
        waiter.join(10_000);
        assertEquals(5000, list.len());
        assertTrue(whileWaiting <= 2, "the waiting block ran " + whileWaiting + " times while it waited");
    }

    /**
     * One thread grows the list and abandons the growth, again and again (each time a trim), while
     * two threads append their own items one by one and a reader checks every element it can index:
     * every appended item is there exactly once, and nobody ever meets a missing slot.
     */
    @Test
    void trimmingLosesNoConcurrentAppend() throws Exception {
        TList<Integer> list = new TList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int perAppender = 20_000;
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            while (!stop.get()) {
                try {
                    atomic(() -> {
                        for (int i = 0; i < 3000; i++) {
                            list.append(-1);
                        }
                        throw new IllegalStateException("abandoned");
                    });
                } catch (IllegalStateException expected) {
                    // the growth is given back
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        }, "grower"));
        threads.add(new Thread(() -> {
            while (!stop.get()) {
                try {
                    atomic(() -> {
                        int n = list.len();
                        for (int i = Math.max(0, n - 50); i < n; i++) {
                            Integer x = list.getItem(i);
                            if (x == null || x < 0) {
                                throw new AssertionError("index " + i + " of " + n + " holds " + x);
                            }
                        }
                    });
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }
        }, "reader"));
        List<Thread> appenders = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
            int base = a * perAppender;
            Thread t = new Thread(() -> {
                try {
                    for (int i = 0; i < perAppender; i++) {
                        int item = base + i;
                        if ((i & 7) == 0) {
                            atomic(() -> {
                                list.len();
                                Thread.yield(); // widen the window between reading the size and committing
                                list.append(item);
                            });
                        } else {
                            list.append(item);
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "appender-" + a);
            appenders.add(t);
        }
        threads.forEach(Thread::start);
        appenders.forEach(Thread::start);
        for (Thread t : appenders) {
            t.join();
        }
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertNull(failure.get(), () -> "failure: " + failure.get());
        List<Integer> items = new ArrayList<>(list);
        assertEquals(2 * perAppender, items.size());
        Set<Integer> distinct = new HashSet<>(items);
        assertEquals(2 * perAppender, distinct.size());
        assertTrue(items.stream().allMatch(x -> x >= 0));
    }
}
