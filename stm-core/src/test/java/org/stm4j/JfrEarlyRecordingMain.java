package org.stm4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Run by {@link FlightRecorderTest} in a fresh JVM: starts a Flight Recorder recording before the
 * STM is first used (as {@code -XX:StartFlightRecording} does), then causes an abort and a long
 * transaction, and prints how many stm4j events were recorded.
 */
public final class JfrEarlyRecordingMain {

    private JfrEarlyRecordingMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Files.createTempFile("stm4j-early", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("org.stm4j.Abort");
            r.enable("org.stm4j.LongTransaction").withThreshold(Duration.ZERO);
            r.start();
            // first use of the STM happens only now
            TVar<Integer> x = new TVar<>(0, "hot-account");
            try {
                Stm.atomic(() -> {
                    x.set(1);
                    throw new IllegalStateException("abort me");
                });
            } catch (IllegalStateException expected) {
                // an EXCEPTION abort
            }
            Stm.atomic(() -> {
                x.set(x.get() + 1);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            r.stop();
            r.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        long aborts = events.stream().filter(e -> e.getEventType().getName().equals("org.stm4j.Abort")).count();
        long longTxns = events.stream()
                .filter(e -> e.getEventType().getName().equals("org.stm4j.LongTransaction")).count();
        Files.deleteIfExists(file);
        System.out.println("abortEvents=" + aborts + " longTransactionEvents=" + longTxns);
    }
}
