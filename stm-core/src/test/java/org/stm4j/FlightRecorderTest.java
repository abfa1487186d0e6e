package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JDK Flight Recorder events: org.stm4j.Abort and org.stm4j.LongTransaction. */
@Timeout(60)
class FlightRecorderTest {

    private static List<RecordedEvent> record(Runnable workload) throws Exception {
        Path file = Files.createTempFile("stm4j-test", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("org.stm4j.Abort");
            r.enable("org.stm4j.LongTransaction").withThreshold(Duration.ZERO);
            r.start();
            workload.run();
            r.stop();
            r.dump(file);
            return RecordingFile.readAllEvents(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        return events.stream().filter(e -> e.getEventType().getName().equals(name)).collect(Collectors.toList());
    }

    @Test
    void abortAndLongTransactionEventsAreRecorded() throws Exception {
        // Use the STM once before the recording starts: see recordingStartedBeforeFirstUseOfTheStm
        // for the case where the recording comes first.
        atomic(() -> {
        });
        TVar<Integer> hot = new TVar<>(0, "hot-account");
        TVar<Integer> other = new TVar<>(0, "other-account");
        AtomicInteger runs = new AtomicInteger();
        List<RecordedEvent> events = record(() -> {
            atomic(() -> {
                int seen = hot.get();
                if (runs.incrementAndGet() == 1) {
                    TestSupport.changeFromOtherThread(hot); // this attempt aborts at commit, on hot
                }
                other.set(seen);
            });
            atomic(() -> {
                other.set(other.get() + 1);
                TestSupport.sleep(20);
            });
        });
        assertEquals(2, runs.get());

        List<RecordedEvent> aborts = named(events, "org.stm4j.Abort");
        assertFalse(aborts.isEmpty(), "no org.stm4j.Abort event in " + events);
        RecordedEvent abort = aborts.stream()
                .filter(e -> "hot-account".equals(e.getString("tvar")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no abort naming hot-account: " + aborts));
        assertEquals(AbortCause.VALIDATION.name(), abort.getString("cause"));
        assertEquals(1, abort.getInt("attempt"));

        List<RecordedEvent> longTxns = named(events, "org.stm4j.LongTransaction");
        assertTrue(longTxns.stream().anyMatch(e -> e.getDuration().toMillis() >= 20
                && e.getInt("writes") == 1 && e.getInt("attempts") == 1),
                "no LongTransaction event of >= 20 ms: " + longTxns);
        // the aborted block shows up too, with its two attempts
        assertTrue(longTxns.stream().anyMatch(e -> e.getInt("attempts") == 2), longTxns.toString());
    }

    @Test
    void exceptionAbortIsRecorded() throws Exception {
        atomic(() -> {
        });
        TVar<Integer> x = new TVar<>(0, "thrower");
        List<RecordedEvent> events = record(() -> {
            try {
                atomic(() -> {
                    x.set(1);
                    throw new IllegalStateException();
                });
            } catch (IllegalStateException expected) {
                // recorded as an EXCEPTION abort
            }
        });
        List<RecordedEvent> aborts = named(events, "org.stm4j.Abort");
        assertTrue(aborts.stream().anyMatch(e -> AbortCause.EXCEPTION.name().equals(e.getString("cause"))
                && e.getInt("writes") == 1), aborts.toString());
    }

    @Test
    void recordingStartedBeforeFirstUseOfTheStm() {
        ForkedJvm.Result r = ForkedJvm.run(List.of(), JfrEarlyRecordingMain.class);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.output.contains("abortEvents=1 "), r.toString());
        assertFalse(r.output.contains("longTransactionEvents=0"), r.toString());
    }

    /**
     * Issue 13: time spent waiting in {@code retry()} is not transaction time. Blocks that wait 50 ms
     * for a flag and then commit at once produce no LongTransaction event of 50 ms (the default
     * threshold is 10 ms; before the fix each waiter produced one of the whole wait).
     */
    @Test
    void waitingInRetryIsNotCountedAsALongTransaction() throws Exception {
        TVar<Boolean> go = new TVar<>(false, "go");
        List<RecordedEvent> events = record(() -> {
            List<Thread> waiters = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> atomic(() -> {
                    if (!go.get()) {
                        Stm.retry();
                    }
                }));
                t.start();
                waiters.add(t);
            }
            TestSupport.sleep(50);
            go.set(true);
            for (Thread t : waiters) {
                TestSupport.joinUninterruptibly(t, 10_000);
            }
        });
        List<RecordedEvent> longOnes = named(events, "org.stm4j.LongTransaction").stream()
                .filter(e -> e.getDuration().toMillis() >= 40)
                .collect(Collectors.toList());
        assertTrue(longOnes.isEmpty(), "waiting in retry counted as transaction time: " + longOnes);
    }
}
