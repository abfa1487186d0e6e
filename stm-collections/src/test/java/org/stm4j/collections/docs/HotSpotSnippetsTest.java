package org.stm4j.collections.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.ConflictReport;
import org.stm4j.Stm;
import org.stm4j.collections.TDict;

/**
 * The guide's "Finding a hot spot" walk-through: a bank whose transfers also bump a shared counter,
 * the conflict report that names the counter, and the fix. Each region is compared with
 * docs/guide.md by stm-core's DocSnippetsTest. {@code main} runs the same code for longer, which is
 * how the guide's numbers were made.
 */
@Timeout(120)
class HotSpotSnippetsTest {

    @AfterEach
    void reportOff() {
        Stm.setConflictReporting(false);
        Stm.resetConflicts();
    }

    // region guide-hotspot-before
    /** Transfers between 64 accounts; every transfer also counts itself in a shared statistics dict. */
    static long bankWithHotCounter(int threads, long millis) throws InterruptedException {
        TDict<Integer, Long> accounts = new TDict<>("accounts");
        TDict<String, Long> stats = new TDict<>("stats");
        for (int a = 0; a < 64; a++) {
            accounts.put(a, 1_000L);
        }
        stats.put("transfers", 0L);
        long end = System.nanoTime() + millis * 1_000_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    int from = rnd.nextInt(64);
                    int to = rnd.nextInt(64);
                    atomic(() -> {
                        accounts.put(from, accounts.get(from) - 1);
                        accounts.put(to, accounts.get(to) + 1);
                        stats.put("transfers", stats.get("transfers") + 1);   // every transfer writes here
                    });
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        return stats.get("transfers");
    }
    // endregion

    // region guide-hotspot-after
    /** The same bank; each thread counts in a key of its own, so counting no longer conflicts. */
    static long bankWithCounterPerThread(int threads, long millis) throws InterruptedException {
        TDict<Integer, Long> accounts = new TDict<>("accounts");
        TDict<String, Long> stats = new TDict<>("stats");
        for (int a = 0; a < 64; a++) {
            accounts.put(a, 1_000L);
        }
        long end = System.nanoTime() + millis * 1_000_000;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String myKey = "transfers/" + t;                   // one key per thread
            stats.put(myKey, 0L);
            workers.add(new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    int from = rnd.nextInt(64);
                    int to = rnd.nextInt(64);
                    atomic(() -> {
                        accounts.put(from, accounts.get(from) - 1);
                        accounts.put(to, accounts.get(to) + 1);
                        stats.put(myKey, stats.get(myKey) + 1);   // disjoint keys: no conflict
                    });
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        return atomic(() -> {                                  // the total, in one consistent snapshot
            long sum = 0;
            for (int t = 0; t < threads; t++) {
                sum += stats.get("transfers/" + t);
            }
            return sum;
        });
    }
    // endregion

    @Test
    void theReportNamesTheCounterAndTheFixRemovesIt() throws InterruptedException {
        // region guide-hotspot-report
        Stm.setConflictReporting(true);          // or -Dstm4j.conflictReport=true
        Stm.resetConflicts();
        long before = bankWithHotCounter(2, 300);
        ConflictReport hot = Stm.conflicts();
        System.out.print(hot.format(3));

        Stm.resetConflicts();
        long after = bankWithCounterPerThread(2, 300);
        ConflictReport fixed = Stm.conflicts();
        System.out.print(fixed.format(3));
        System.out.printf("transfers in 0.3 s: %,d before, %,d after%n", before, after);
        // endregion
        if (!hot.entries().isEmpty()) {
            // on a machine where the two threads overlapped, the counter is the top conflict
            assertTrue(hot.entries().stream().anyMatch(e -> "TDict stats, key transfers".equals(e.structure())),
                    hot.toString());
        }
        assertTrue(fixed.entries().stream().noneMatch(e -> String.valueOf(e.structure()).startsWith("TDict stats")),
                fixed.toString());
        assertTrue(before > 0 && after > 0);
    }

    @Test
    void bothVariantsRunAndCount() throws InterruptedException {
        assertTrue(bankWithHotCounter(2, 50) > 0);
        assertTrue(bankWithCounterPerThread(2, 50) > 0);
    }

    /** The guide's numbers: {@code main [seconds] [threads]}, each variant run three times, alternating. */
    public static void main(String[] args) throws InterruptedException {
        long millis = (long) (1000 * (args.length > 0 ? Double.parseDouble(args[0]) : 2));
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        bankWithHotCounter(threads, 500);          // warm-up
        bankWithCounterPerThread(threads, 500);
        for (int round = 0; round < 3; round++) {
            Stm.setConflictReporting(round == 0);
            Stm.resetConflicts();
            long b = bankWithHotCounter(threads, millis);
            if (round == 0) {
                System.out.print(Stm.conflicts().format(3));
                Stm.resetConflicts();
            }
            long a = bankWithCounterPerThread(threads, millis);
            if (round == 0) {
                System.out.print(Stm.conflicts().format(3));
            }
            System.out.printf("round %d (report %s): %,.0f transfers/s with the hot counter, %,.0f after the fix%n",
                    round, round == 0 ? "on" : "off", b * 1000.0 / millis, a * 1000.0 / millis);
        }
        Stm.setConflictReporting(false);
    }
}
