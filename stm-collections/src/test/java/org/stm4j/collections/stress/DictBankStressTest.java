package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.collections.TDict;
import org.stm4j.testkit.Stress;

/**
 * Bank transfers between the accounts of one {@link TDict} (name to balance). Invariants:
 * <ul>
 *   <li><b>money is conserved</b>: at the end the balances sum to the initial total, none is
 *       negative, every account is still there;</li>
 *   <li><b>iteration reads a consistent snapshot</b>: an auditor thread, running until the
 *       writers are done, sums all accounts by iterating the dict <em>inside</em> one transaction
 *       — by turns through {@code values()}, {@code items()}, {@code keys()} plus {@code getItem},
 *       and the {@code for (e : d.entrySet())} of plain Java — and throws (failing the test) if
 *       any attempt, even one that would later abort, sees a total other than the exact one or a
 *       count of accounts other than {@code len()};</li>
 *   <li>transfers also <b>close and reopen</b> accounts (pop the source and re-insert it under
 *       the same name, which moves it to the end of the insertion order, as in Python), so the
 *       iteration order changes under the auditor.</li>
 * </ul>
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class DictBankStressTest {

    private static final int ACCOUNTS = 64;
    private static final long INITIAL = 1_000;
    private static final long TOTAL = ACCOUNTS * INITIAL;
    private static final int REOPEN_EVERY = 8;

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 4, 8})
    void transfersConserveMoneyAndEveryAuditSeesTheExactTotal(int writers) throws InterruptedException {
        int size = Stress.size();
        TDict<String, Long> bank = new TDict<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            bank.put(name(i), INITIAL);
        }
        AtomicInteger writersLeft = new AtomicInteger(writers);
        LongAdder audits = new LongAdder();
        Stress.Attempts auditAttempts = new Stress.Attempts();

        Stress.run("dict-bank", writers + 1, Stress.budget(size, 50_000), index -> {
            if (index == 0) {
                int k = 0;
                int[] tries = new int[1];
                do {
                    int way = k++ % 4;
                    tries[0] = 0;
                    long sum = atomic(() -> {
                        tries[0]++;
                        return audit(bank, way);
                    });
                    assertEquals(TOTAL, sum);
                    auditAttempts.record("audit", tries[0]);
                    audits.increment();
                } while (writersLeft.get() > 0);
                return;
            }
            try {
                SplittableRandom rnd = new SplittableRandom(0xba4cL * index);
                for (int k = Stress.share(size, writers, index - 1); k > 0; k--) {
                    String from = name(rnd.nextInt(ACCOUNTS));
                    String to = name(rnd.nextInt(ACCOUNTS));
                    long amount = 1 + rnd.nextInt(100);
                    boolean reopen = k % REOPEN_EVERY == 0;
                    atomic(() -> {
                        long f = bank.getItem(from);
                        if (f < amount) {
                            return;
                        }
                        if (reopen) {
                            bank.pop(from);
                            bank.put(from, f - amount);
                        } else {
                            bank.put(from, f - amount);
                        }
                        bank.put(to, bank.getItem(to) + amount);
                    });
                }
            } finally {
                writersLeft.decrementAndGet();
            }
        });

        assertEquals(ACCOUNTS, bank.len(), "accounts");
        for (int i = 0; i < ACCOUNTS; i++) {
            assertTrue(bank.getItem(name(i)) >= 0, "account " + i + " negative");
        }
        assertEquals(TOTAL, audit(bank, 0), "money not conserved");
        assertTrue(audits.sum() >= 1, "no audit ran");
        System.out.printf("dict-bank, %d writers: %d audits, attempts per audit %s%n", writers, audits.sum(), auditAttempts);
    }

    private static String name(int i) {
        return "acct-" + i;
    }

    /** Sums all accounts by iteration (four ways); throws if the snapshot is not consistent. */
    private static long audit(TDict<String, Long> bank, int way) {
        long sum = 0;
        int count = 0;
        switch (way) {
            case 0 -> {
                for (long b : bank.values()) {
                    sum += check(b);
                    count++;
                }
            }
            case 1 -> {
                for (Map.Entry<String, Long> e : bank.items()) {
                    sum += check(e.getValue());
                    count++;
                }
            }
            case 2 -> {
                for (String k : bank.keys()) {
                    sum += check(bank.getItem(k));
                    count++;
                }
            }
            default -> {
                for (Map.Entry<String, Long> e : bank.entrySet()) {
                    sum += check(e.getValue());
                    count++;
                }
            }
        }
        int len = bank.len();
        if (sum != TOTAL || count != ACCOUNTS || len != ACCOUNTS) {
            throw new AssertionError("inconsistent snapshot (way " + way + "): total " + sum + " of " + count
                    + " accounts, len() " + len + "; expected " + TOTAL + " of " + ACCOUNTS);
        }
        return sum;
    }

    private static long check(long balance) {
        if (balance < 0) {
            throw new AssertionError("negative balance seen inside a transaction: " + balance);
        }
        return balance;
    }
}
