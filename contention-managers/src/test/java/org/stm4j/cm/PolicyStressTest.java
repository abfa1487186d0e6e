package org.stm4j.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.spi.ContentionManagers;

/**
 * The shared stress test, run under every contention manager a provider knows (this module's
 * policies, stm-core's {@code default}, and the test-scope example policy):
 * <ul>
 *   <li><b>bank invariant</b>: {@value #WRITERS} threads transfer between {@value #ACCOUNTS} accounts
 *       while an auditor sums all accounts in read-only transactions; every audit (checked inside the
 *       block, so even an attempt that would abort must see a consistent state) and the final state
 *       conserve the money;</li>
 *   <li><b>starvation bound</b>: a long transaction that reads every account and moves money between
 *       two of them runs against {@value #WRITERS} threads of short transfers; with an attempt limit of
 *       {@value #MAX_ATTEMPTS}, each long transaction must commit within {@value #MAX_ATTEMPTS} + 2
 *       attempts (past the limit the engine runs it irrevocably, whatever the policy says) and within
 *       {@value #LONG_TXN_SECONDS} s.</li>
 * </ul>
 * At CI size the whole class takes a few tens of seconds; the {@code slow}-tagged variants (run by
 * {@code -Pstress}) do the same at 50 times the size.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class PolicyStressTest {
    private static final int ACCOUNTS = 32;
    private static final long INITIAL = 1_000;
    private static final long TOTAL = ACCOUNTS * INITIAL;
    private static final int WRITERS = 4;
    private static final int MAX_ATTEMPTS = 16;
    private static final int LONG_TXN_SECONDS = 20;
    private static final int CI_TRANSFERS = 4_000;
    private static final int CI_LONG_TXNS = 20;
    private static final int SLOW_FACTOR = 50;

    static Stream<String> managers() {
        return ContentionManagers.knownNames().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void bankInvariant(String manager) throws InterruptedException {
        bank(manager, CI_TRANSFERS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void longTransactionIsNotStarved(String manager) throws InterruptedException {
        starvation(manager, CI_LONG_TXNS);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void bankInvariantLarge(String manager) throws InterruptedException {
        bank(manager, CI_TRANSFERS * SLOW_FACTOR);
    }

    @Tag("slow")
    @ParameterizedTest(name = "{0}")
    @MethodSource("managers")
    void longTransactionIsNotStarvedLarge(String manager) throws InterruptedException {
        starvation(manager, CI_LONG_TXNS * SLOW_FACTOR);
    }

    private static TxnConfig config(String manager) {
        return TxnConfig.builder().contentionManager(manager).maxAttempts(MAX_ATTEMPTS).build();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TVar<Long>[] accounts() {
        TVar<Long>[] a = new TVar[ACCOUNTS];
        for (int i = 0; i < ACCOUNTS; i++) {
            a[i] = new TVar<>(INITIAL);
        }
        return a;
    }

    private static long sum(TVar<Long>[] accounts) {
        long s = 0;
        for (TVar<Long> a : accounts) {
            s += a.get();
        }
        return s;
    }

    private static void transfer(TxnConfig config, TVar<Long>[] accounts, SplittableRandom rnd) {
        int from = rnd.nextInt(ACCOUNTS);
        int to = (from + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        long amount = 1 + rnd.nextInt(20);
        config.atomic(() -> {
            long f = accounts[from].get();
            if (f >= amount) {
                accounts[from].set(f - amount);
                accounts[to].set(accounts[to].get() + amount);
            }
        });
    }

    private static void bank(String manager, int transfers) throws InterruptedException {
        TxnConfig config = config(manager);
        TxnConfig audit = config.toBuilder().readOnly(true).build();
        TVar<Long>[] accounts = accounts();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger audits = new AtomicInteger();
        AtomicInteger writersLeft = new AtomicInteger(WRITERS);
        runAll(manager, WRITERS + 1, index -> {
            if (index == WRITERS) {
                do {
                    long s = audit.atomic(() -> {
                        long seen = sum(accounts);
                        if (seen != TOTAL) {
                            throw new AssertionError(manager + ": audit saw " + seen + ", expected " + TOTAL);
                        }
                        return seen;
                    });
                    assertEquals(TOTAL, s);
                    audits.incrementAndGet();
                } while (writing.get());
                return;
            }
            try {
                SplittableRandom rnd = new SplittableRandom(31L * index + manager.hashCode());
                for (int k = transfers / WRITERS; k > 0; k--) {
                    transfer(config, accounts, rnd);
                }
            } finally {
                if (writersLeft.decrementAndGet() == 0) {
                    writing.set(false);
                }
            }
        });
        assertEquals(TOTAL, (long) Stm.atomic(() -> sum(accounts)), manager + ": money not conserved");
        assertTrue(audits.get() > 0, "no audit ran");
    }

    private static void starvation(String manager, int longTransactions) throws InterruptedException {
        TxnConfig config = config(manager);
        TVar<Long>[] accounts = accounts();
        AtomicBoolean longRunning = new AtomicBoolean(true);
        int[] worst = new int[1];
        runAll(manager, WRITERS + 1, index -> {
            if (index == WRITERS) {
                try {
                    for (int k = 0; k < longTransactions; k++) {
                        int[] attempts = {0};
                        int from = k % ACCOUNTS;
                        long start = System.nanoTime();
                        config.atomic(() -> {
                            attempts[0]++;
                            long seen = 0;
                            for (int i = 0; i < ACCOUNTS; i++) {
                                seen += accounts[i].get();
                                if (i % 8 == 7) {
                                    Thread.yield(); // long: let the writers commit in the middle of it
                                }
                            }
                            if (seen != TOTAL) {
                                throw new AssertionError(manager + ": long transaction saw " + seen);
                            }
                            long f = accounts[from].get();
                            if (f > 0) {
                                accounts[from].set(f - 1);
                                accounts[(from + 1) % ACCOUNTS].set(accounts[(from + 1) % ACCOUNTS].get() + 1);
                            }
                        });
                        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                        worst[0] = Math.max(worst[0], attempts[0]);
                        if (attempts[0] > MAX_ATTEMPTS + 2 || seconds >= LONG_TXN_SECONDS) {
                            throw new AssertionError(manager + ": long transaction " + k + " took " + attempts[0]
                                    + " attempts and " + seconds + " s; bound " + (MAX_ATTEMPTS + 2) + " attempts");
                        }
                    }
                } finally {
                    longRunning.set(false);
                }
                return;
            }
            SplittableRandom rnd = new SplittableRandom(17L * index + manager.hashCode());
            while (longRunning.get()) {
                transfer(config, accounts, rnd);
            }
        });
        assertEquals(TOTAL, (long) Stm.atomic(() -> sum(accounts)), manager + ": money not conserved");
        System.out.printf("policy-stress starvation %s: worst long transaction took %d attempts%n", manager, worst[0]);
    }

    @FunctionalInterface
    private interface Worker {
        void run(int index) throws Exception;
    }

    /** Runs the workers together; rethrows the first failure; a worker still running after 5 minutes fails. */
    private static void runAll(String name, int threads, Worker worker) throws InterruptedException {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    worker.run(index);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "policy-stress-" + name + "-" + i);
            t.setDaemon(true);
            ts.add(t);
        }
        ts.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        for (Thread t : ts) {
            TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
            if (t.isAlive()) {
                failures.add(new AssertionError(t.getName() + " did not finish (deadlock or livelock?)"));
            }
        }
        if (!failures.isEmpty()) {
            Throwable first = failures.poll();
            failures.forEach(first::addSuppressed);
            throw new AssertionError(name + ": " + first, first);
        }
    }
}
