package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.testkit.Stress;

/**
 * Opacity: no attempt, not even one that will abort, observes an inconsistent state. Each reader
 * block would throw (or loop forever) on an inconsistent snapshot; since an exception escapes
 * {@code atomic} unchanged and the block is not re-run, any zombie observation fails the test.
 */
@Timeout(60)
class OpacityTest {

    /** Transactions per writer thread: the build's test tier (20 000 by default, more with -Pstress). */
    private static final int WRITER_TXNS = Stress.size();

    /** Runs {@code writers} and {@code readers} concurrently; readers run until the writers finish. */
    private static void race(List<Runnable> writers, List<Runnable> readers, int writerTxns) {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean writersDone = new AtomicBoolean();
        AtomicLong readerTxns = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Thread> writerThreads = new ArrayList<>();
        for (Runnable w : writers) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < writerTxns && failures.isEmpty(); i++) {
                        w.run();
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "writer");
            writerThreads.add(t);
            threads.add(t);
        }
        for (Runnable r : readers) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                    do {
                        r.run();
                        readerTxns.incrementAndGet();
                    } while (!writersDone.get() && failures.isEmpty());
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "reader"));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread t : writerThreads) {
            TestSupport.joinUninterruptibly(t, 50_000);
        }
        writersDone.set(true);
        for (Thread t : threads) {
            TestSupport.joinUninterruptibly(t, 50_000);
        }
        if (!failures.isEmpty()) {
            AssertionError e = new AssertionError("inconsistent state observed: " + failures.peek());
            failures.forEach(e::addSuppressed);
            throw e;
        }
        assertTrue(readerTxns.get() >= readers.size());
    }

    /** Burns a little time between two reads, to widen the window for a concurrent commit. */
    private static void pause() {
        int n = ThreadLocalRandom.current().nextInt(32);
        for (int i = 0; i < n; i++) {
            Thread.onSpinWait();
        }
        if (n == 0) {
            Thread.yield();
        }
    }

    @Test
    void divisionByZeroIsNeverObserved() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        Runnable xThenY = () -> atomic(() -> {
            x.set(x.get() + 1);
            y.set(y.get() + 1);
        });
        Runnable yThenX = () -> atomic(() -> {
            y.set(y.get() + 1);
            x.set(x.get() + 1);
        });
        // x == y always; a reader that saw x before and y after a commit would compute 1 / 0
        Runnable reader = () -> {
            int r = atomic(() -> {
                int a = x.get();
                pause();
                int b = y.get();
                return 100 / (1 + a - b);
            });
            assertEquals(100, r);
        };
        Runnable readerOtherOrder = () -> {
            int r = atomic(() -> {
                int b = y.get();
                pause();
                int a = x.get();
                return 100 / (1 + b - a);
            });
            assertEquals(100, r);
        };
        race(List.of(xThenY, yThenX), List.of(reader, readerOtherOrder), WRITER_TXNS);
        assertEquals(x.get(), y.get());
        assertEquals(2 * WRITER_TXNS, x.get());
    }

    @Test
    void zombieNeverLoopsForever() {
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        Runnable writer = () -> atomic(() -> {
            int v = x.get() + 1;
            x.set(v);
            y.set(v);
        });
        // on an inconsistent snapshot (a != b) this spins forever without touching a TVar again;
        // the class timeout would then fail the test
        Runnable reader = () -> atomic(() -> {
            int a = x.get();
            pause();
            int b = y.get();
            while (a != b) {
                Thread.onSpinWait();
            }
        });
        race(List.of(writer, writer), List.of(reader, reader), WRITER_TXNS);
        assertEquals(x.get(), y.get());
    }

    @Test
    void zombieNeverDereferencesAnInconsistentNull() {
        TVar<Boolean> present = new TVar<>(Boolean.FALSE);
        TVar<String> value = new TVar<>(null);
        Runnable toggler = () -> atomic(() -> {
            if (present.get()) {
                value.set(null);
                present.set(Boolean.FALSE);
            } else {
                present.set(Boolean.TRUE);
                value.set("v" + ThreadLocalRandom.current().nextInt(10));
            }
        });
        Runnable reader = () -> atomic(() -> {
            if (present.get()) {
                pause();
                return value.get().length(); // NullPointerException on an inconsistent snapshot
            }
            pause();
            String v = value.get();
            if (v != null) {
                throw new IllegalStateException("value " + v + " while absent");
            }
            return 0;
        });
        race(List.of(toggler, toggler), List.of(() -> reader.run(), () -> reader.run()), WRITER_TXNS);
    }

    @Test
    void arrayIndexStaysInBounds() {
        TVar<int[]> array = new TVar<>(new int[1]);
        TVar<Integer> index = new TVar<>(0);
        Runnable writer = () -> atomic(() -> {
            int len = 1 + ThreadLocalRandom.current().nextInt(16);
            array.set(new int[len]);
            index.set(len - 1);
        });
        Runnable writerIndexFirst = () -> atomic(() -> {
            int len = 1 + ThreadLocalRandom.current().nextInt(16);
            index.set(len - 1);
            array.set(new int[len]);
        });
        Runnable reader = () -> atomic(() -> {
            int i = index.get();
            pause();
            return array.get()[i]; // ArrayIndexOutOfBoundsException on an inconsistent snapshot
        });
        race(List.of(writer, writerIndexFirst), List.of(() -> reader.run(), () -> reader.run()), WRITER_TXNS);
    }

    @Test
    void sumOfAccountsIsConservedInEverySnapshot() {
        int accounts = 8;
        int initial = 1_000;
        List<TVar<Integer>> acct = new ArrayList<>();
        for (int i = 0; i < accounts; i++) {
            acct.add(new TVar<>(initial));
        }
        int total = accounts * initial;
        Runnable transfer = () -> {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            int from = rnd.nextInt(accounts);
            int to = rnd.nextInt(accounts);
            int amount = rnd.nextInt(50);
            atomic(() -> {
                TVar<Integer> f = acct.get(from);
                TVar<Integer> t = acct.get(to);
                f.set(f.get() - amount);
                t.set(t.get() + amount);
            });
        };
        // an updating reader: checks the sum, then writes, so it also goes through commit validation
        TVar<Integer> audits = new TVar<>(0);
        Runnable auditor = () -> atomic(() -> {
            int sum = 0;
            int start = ThreadLocalRandom.current().nextInt(accounts);
            for (int k = 0; k < accounts; k++) {
                sum += acct.get((start + k) % accounts).get();
                if (k == accounts / 2) {
                    pause();
                }
            }
            if (sum != total) {
                throw new IllegalStateException("sum " + sum + " != " + total);
            }
            audits.set(audits.get() + 1);
        });
        Runnable readOnlyAuditor = () -> {
            int sum = atomic(() -> {
                int s = 0;
                for (int k = accounts - 1; k >= 0; k--) {
                    s += acct.get(k).get();
                    pause();
                }
                return s;
            });
            assertEquals(total, sum);
        };
        race(List.of(transfer, transfer), List.of(auditor, readOnlyAuditor), WRITER_TXNS);
        int sum = 0;
        for (TVar<Integer> a : acct) {
            sum += a.get();
        }
        assertEquals(total, sum);
        assertTrue(audits.get() > 0);
    }

    @Test
    void writersThatReadAlsoSeeConsistentState() {
        // every transaction both checks and updates the invariant: x + y == 0
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        Runnable step = () -> atomic(() -> {
            int a = x.get();
            pause();
            int b = y.get();
            if (a + b != 0) {
                throw new IllegalStateException("x + y = " + (a + b));
            }
            int d = ThreadLocalRandom.current().nextInt(-5, 6);
            x.set(a + d);
            y.set(b - d);
        });
        race(List.of(step, step), List.of(step, step), WRITER_TXNS / 2);
        assertEquals(0, x.get() + y.get());
    }
}
