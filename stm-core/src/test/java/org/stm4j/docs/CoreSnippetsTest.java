package org.stm4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Scanner;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;

/**
 * The stm-core code samples of {@code docs/guide.md} and of the {@code org.stm4j} javadoc, each in a
 * {@code // region} that {@link DocSnippetsTest} compares with the documentation, and each run here
 * with assertions on what the text claims.
 */
@Timeout(60)
class CoreSnippetsTest {

    @Test
    void stmJavadoc() {
        // region javadoc-stm
        TVar<Integer> from = new TVar<>(100), to = new TVar<>(0);
        atomic(() -> {                       // no result
            from.set(from.get() - 10);
            to.set(to.get() + 10);
        });
        int total = atomic(() -> from.get() + to.get());   // with a result
        // endregion
        assertEquals(90, from.get());
        assertEquals(100, total);
    }

    @Test
    void tvarJavadoc() {
        // region javadoc-tvar
        TVar<Integer> balance = new TVar<>(100);
        atomic(() -> balance.set(balance.get() - 10));
        // endregion
        assertEquals(90, balance.get());
    }

    @Test
    void txnConfigJavadoc() {
        List<String> log = new ArrayList<>();
        // region javadoc-txnconfig
        TxnConfig patient = TxnConfig.builder()
                .contentionManager("default")
                .maxAttempts(16)                      // then run irrevocably (the default policy)
                .timeout(Duration.ofSeconds(5))       // bounds conflicts and waiting in retry()
                .build();
        TVar<Integer> stock = new TVar<>(3);
        patient.atomic(() -> {
            if (stock.get() == 0) {
                Stm.retry();                          // waits until stock changes
            }
            stock.set(stock.get() - 1);
            Stm.afterCommit(() -> log.add("sold one"));
        });
        // endregion
        assertEquals(2, stock.get());
        assertEquals(List.of("sold one"), log);
    }

    @Test
    void firstAtomicBlock() {
        // region guide-first-atomic
        TVar<Integer> checking = new TVar<>(100);
        TVar<Integer> savings = new TVar<>(0);

        atomic(() -> {                                   // a block without a result
            checking.set(checking.get() - 30);
            savings.set(savings.get() + 30);
        });
        int total = atomic(() -> checking.get() + savings.get());   // a block with one

        int outside = checking.get();                    // outside atomic: its own tiny transaction
        // endregion
        assertEquals(100, total);
        assertEquals(70, outside);
    }

    @Test
    void exceptionUndoesTheBlock() {
        // region guide-exception-aborts
        TVar<Integer> balance = new TVar<>(10);
        try {
            atomic(() -> {
                balance.set(balance.get() - 50);
                if (balance.get() < 0) {
                    throw new IllegalStateException("insufficient funds");   // aborts: nothing is written
                }
            });
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage() + ", balance still " + balance.get());   // 10
        }
        // endregion
        assertEquals(10, balance.get());
    }

    @Test
    void immutableValues() {
        // region guide-immutable-values
        TVar<List<String>> names = new TVar<>(List.of());
        TVar<Map<String, Integer>> scores = new TVar<>(Map.of());

        atomic(() -> {
            List<String> next = new ArrayList<>(names.get());   // copy ...
            next.add("ada");                                    // ... change the copy ...
            names.set(List.copyOf(next));                       // ... and store an immutable value
            scores.set(Map.of("ada", 1));
        });
        // endregion
        assertEquals(List.of("ada"), names.get());
        assertEquals(Map.of("ada", 1), scores.get());
    }

    @Test
    void mutableObjectInATVarIsNotTransactional() {
        // region guide-mutable-pitfall
        TVar<List<String>> shared = new TVar<>(new ArrayList<>());   // a mutable object: don't
        try {
            atomic(() -> {
                shared.get().add("ghost");           // mutates the object, not the TVar
                throw new IllegalStateException("abort");
            });
        } catch (IllegalStateException expected) {
            // the transaction aborted, yet the list now contains "ghost": nothing undid the add
        }
        // endregion
        assertEquals(List.of("ghost"), shared.get(), "the pitfall the guide describes");
    }

    @Test
    void boundedBufferWithRetry() throws InterruptedException {
        // region guide-bounded-buffer
        int capacity = 4;
        TVar<List<Integer>> buffer = new TVar<>(List.of());

        Thread producer = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                int item = i;
                atomic(() -> {
                    List<Integer> items = buffer.get();
                    if (items.size() == capacity) {
                        Stm.retry();                 // full: sleep until buffer changes
                    }
                    List<Integer> next = new ArrayList<>(items);
                    next.add(item);
                    buffer.set(List.copyOf(next));
                });
            }
        });
        producer.start();

        int sum = 0;
        for (int i = 0; i < 100; i++) {
            sum += atomic(() -> {
                List<Integer> items = buffer.get();
                if (items.isEmpty()) {
                    Stm.retry();                     // empty: sleep until buffer changes
                }
                buffer.set(items.subList(1, items.size()));
                return items.get(0);
            });
        }
        producer.join();
        // endregion
        assertEquals(4950, sum);
        assertEquals(List.of(), buffer.get());
    }

    @Test
    void orElseChoosesTheFirstThatDoesNotRetry() {
        // region guide-or-else
        TVar<Integer> urgent = new TVar<>(0), normal = new TVar<>(2);   // counts of waiting jobs

        String taken = Stm.orElse(
                () -> {
                    if (urgent.get() == 0) {
                        Stm.retry();
                    }
                    urgent.set(urgent.get() - 1);
                    return "urgent";
                },
                () -> {
                    if (normal.get() == 0) {
                        Stm.retry();                 // both empty: wait for a change to either
                    }
                    normal.set(normal.get() - 1);
                    return "normal";
                });
        // endregion
        assertEquals("normal", taken);
        assertEquals(1, normal.get());
    }

    @Test
    void afterCommitForOutput() throws InterruptedException {
        // region guide-after-commit
        TVar<Integer> hits = new TVar<>(0);
        List<String> console = new CopyOnWriteArrayList<>();   // stands in for System.out

        Runnable hit = () -> atomic(() -> {
            int n = hits.get() + 1;
            hits.set(n);
            // System.out.println here could print twice: the block may be re-run.
            Stm.afterCommit(() -> console.add("hit " + n));   // runs once, after commit
        });
        // hit.run() from any number of threads: one console line per committed block
        // endregion
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    hit.run();
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(200, console.size(), "one line per committed block, however many attempts");
        assertEquals(200, console.stream().distinct().count(), "no value printed twice");
    }

    @Test
    void irrevocableForInputThatSteers() {
        // region guide-irrevocable
        TVar<Integer> pending = new TVar<>(3), approved = new TVar<>(0);
        Scanner stdin = new Scanner("y\n");         // in an application: new Scanner(System.in)

        atomic(() -> {
            int n = pending.get();
            Stm.becomeIrrevocable();                 // from here: runs once, cannot abort
            System.out.print("approve " + n + " orders? ");
            String answer = stdin.nextLine();
            if (answer.equals("y")) {
                approved.set(approved.get() + n);
                pending.set(0);
            }
        });
        // endregion
        assertEquals(3, approved.get());
        assertEquals(0, pending.get());
    }

    @Test
    void perBlockConfiguration() {
        // region guide-config-core
        TxnConfig reporting = TxnConfig.builder()
                .readOnly(true)                       // a write here throws IllegalStateException
                .build();
        TxnConfig strict = Stm.defaultConfig().toBuilder()
                .maxAttempts(3)
                .onAttemptsExhausted(TxnConfig.OnAttemptsExhausted.THROW)   // TooManyAttemptsException
                .build();

        TVar<Integer> counter = new TVar<>(0);
        strict.atomic(() -> counter.set(counter.get() + 1));
        int seen = reporting.atomic(() -> counter.get());
        // endregion
        assertEquals(1, seen);
        assertThrows(IllegalStateException.class, () -> reporting.atomic(() -> counter.set(5)));
    }

    @Test
    void statistics() throws InterruptedException {
        // region guide-stats
        TVar<Integer> counter = new TVar<>(0);
        Runnable workload = () -> {                   // whatever you want to look at
            for (int i = 0; i < 200; i++) {
                atomic(() -> counter.set(counter.get() + 1));
            }
        };

        StmStats before = Stm.stats();
        Thread other = new Thread(workload);          // two threads, one hot TVar
        other.start();
        workload.run();
        other.join();
        StmStats delta = Stm.stats().minus(before);

        double abortsPerCommit = (double) delta.conflictAborts() / Math.max(1, delta.commits());
        System.out.printf("commits=%d conflict aborts=%d (%.2f per commit) retries=%d irrevocable=%d%n",
                delta.commits(), delta.conflictAborts(), abortsPerCommit, delta.retries(), delta.irrevocableRuns());
        System.out.println(delta.abortsByCause());    // {READ_CONFLICT=.., VALIDATION=.., ...}
        // endregion
        assertTrue(delta.commits() >= 400, delta.toString());
    }

    @Test
    void flightRecorderFindsTheHotTVar() throws Exception {
        atomic(() -> {
        });
        // Conflicts between the sample's two threads are likely, not certain: a few rounds at most.
        for (int round = 0; round < 20; round++) {
            StmStats beforeRound = Stm.stats();
            // region guide-jfr
            Path file = Files.createTempFile("app", ".jfr");
            TVar<Integer> hot = new TVar<>(0, "inventory.total");   // named TVars show up in events
            Runnable suspect = () -> {                // the code under suspicion
                for (int i = 0; i < 20_000; i++) {
                    atomic(() -> hot.set(hot.get() + 1));
                }
            };
            try (Recording recording = new Recording()) {
                recording.enable("org.stm4j.Abort");
                recording.enable("org.stm4j.LongTransaction").withThreshold(Duration.ofMillis(10));
                recording.start();
                Thread other = new Thread(suspect);   // two threads on one TVar
                other.start();
                suspect.run();
                other.join();
                recording.stop();
                recording.dump(file);
            }
            Map<String, Long> abortsByTVar = RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals("org.stm4j.Abort"))
                    .collect(Collectors.groupingBy(e -> String.valueOf(e.getString("tvar")), Collectors.counting()));
            System.out.println(abortsByTVar);         // e.g. {inventory.total=57}
            // endregion
            List<RecordedEvent> events = RecordingFile.readAllEvents(file);
            Files.delete(file);
            assertEquals(40_000, hot.get());
            assertTrue(abortsByTVar.isEmpty() || abortsByTVar.containsKey("inventory.total"), abortsByTVar.toString());
            if (events.stream().anyMatch(e -> e.getEventType().getName().equals("org.stm4j.Abort")
                    && "inventory.total".equals(e.getString("tvar")))) {
                return;
            }
            long conflicts = Stm.stats().minus(beforeRound).conflictAborts();
            assertEquals(0, conflicts, "conflict aborts happened but no abort event was recorded");
        }
        // the two threads never overlapped (a loaded machine runs them one after the other): nothing to check
        Assumptions.assumeTrue(false, "no conflict in 20 rounds: the threads did not overlap");
    }
}
