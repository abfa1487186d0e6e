package org.stm4j.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.testkit.Stress;

/**
 * Bank transfers between {@value #ACCOUNTS} accounts. Invariants:
 * <ul>
 *   <li><b>opacity</b>: every {@value #AUDIT_EVERY}th transaction sums all accounts <em>inside</em>
 *       its body and fails if the total differs or a balance is negative; an attempt that sees an
 *       inconsistent snapshot (even one that would later abort) throws, which propagates out of
 *       {@code atomic} and fails the test;</li>
 *   <li><b>no lost update</b>: at the end the total is exactly conserved;</li>
 *   <li>{@link Stm#stats()} counts at least one commit per transaction run.</li>
 * </ul>
 * Half of the audits also transfer (a long read-write transaction that conflicts with everything),
 * the other half run with a read-only configuration. Audits, and every {@value #PAUSE_EVERY}th
 * transfer between its read and its writes, yield the processor, so that other threads commit in
 * the middle of a transaction even where the threads get little real parallelism.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class BankStressTest {

    private static final int ACCOUNTS = 64;
    private static final long INITIAL = 1_000;
    private static final long TOTAL = ACCOUNTS * INITIAL;
    private static final int AUDIT_EVERY = 16;
    private static final int PAUSE_EVERY = 8;
    private static final TxnConfig READ_ONLY = TxnConfig.builder().readOnly(true).build();

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void transfersConserveTheTotalAndEverySnapshotIsConsistent(int threads) throws InterruptedException {
        int size = Stress.size();
        TVar<Long>[] accounts = Stress.tvars(ACCOUNTS, INITIAL);
        AtomicInteger violations = new AtomicInteger();
        LongAdder moved = new LongAdder();
        StmStats before = Stm.stats();

        Stress.run("bank", threads, Stress.budget(size, 20_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0x5eedL * (index + 1));
            int n = Stress.share(size, threads, index);
            long movedHere = 0;
            for (int k = 0; k < n; k++) {
                int from = rnd.nextInt(ACCOUNTS);
                int to = (from + 1 + rnd.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + rnd.nextInt(100);
                if (k % AUDIT_EVERY == AUDIT_EVERY - 1 && (k / AUDIT_EVERY) % 2 == 0) {
                    READ_ONLY.atomic(() -> audit(accounts, violations));
                    continue;
                }
                boolean withAudit = k % AUDIT_EVERY == AUDIT_EVERY - 1;
                boolean pause = k % PAUSE_EVERY == 0;
                long done = atomic(() -> {
                    if (withAudit) {
                        audit(accounts, violations);
                    }
                    long f = accounts[from].get();
                    if (f < amount) {
                        return 0L;
                    }
                    if (pause) {
                        Thread.yield();
                    }
                    accounts[from].set(f - amount);
                    accounts[to].set(accounts[to].get() + amount);
                    return amount;
                });
                movedHere += done;
            }
            moved.add(movedHere);
        });

        StmStats delta = Stm.stats().minus(before);
        assertEquals(0, violations.get(), "inconsistent snapshots seen inside transactions");
        long[] finalBalances = atomic(() -> {
            long[] b = new long[ACCOUNTS];
            for (int i = 0; i < ACCOUNTS; i++) {
                b[i] = accounts[i].get();
            }
            return b;
        });
        long sum = 0;
        for (int i = 0; i < ACCOUNTS; i++) {
            assertTrue(finalBalances[i] >= 0, "account " + i + " is negative: " + finalBalances[i]);
            sum += finalBalances[i];
        }
        assertEquals(TOTAL, sum, "total not conserved");
        assertTrue(moved.sum() > 0, "no transfer happened");
        assertTrue(delta.commits() >= size, "stats show " + delta.commits() + " commits for " + size
                + " transactions: " + delta);
        assertTrue(delta.readOnlyCommits() >= size / (4L * AUDIT_EVERY),
                "stats show too few read-only commits: " + delta);
    }

    /** Sums all accounts inside the running transaction; any inconsistency is counted and thrown. */
    private static long audit(TVar<Long>[] accounts, AtomicInteger violations) {
        long sum = 0;
        for (int i = 0; i < accounts.length; i++) {
            if (i == accounts.length / 2) {
                Thread.yield(); // let writers commit in the middle of the snapshot
            }
            long b = accounts[i].get();
            if (b < 0) {
                violations.incrementAndGet();
                throw new AssertionError("opacity: account " + i + " seen negative (" + b + ") inside a transaction");
            }
            sum += b;
        }
        if (sum != TOTAL) {
            violations.incrementAndGet();
            throw new AssertionError("opacity: total seen inside a transaction is " + sum + ", expected " + TOTAL);
        }
        return sum;
    }
}
