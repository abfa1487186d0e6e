package org.stm4j.internal;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JDK Flight Recorder events of the engine. The engine creates events only while a recording runs
 * ({@link #recording}, kept up to date by a recorder listener), so with no recording the cost is
 * one static read per block.
 */
final class Events {
    /** True while at least one Flight Recorder recording is running. */
    static volatile boolean recording;

    static {
        try {
            FlightRecorder.addListener(new FlightRecorderListener() {
                @Override
                public void recordingStateChanged(Recording r) {
                    if (r.getState() == RecordingState.RUNNING) {
                        recording = true;
                    } else if (FlightRecorder.isInitialized()) {
                        recording = anyRunning();
                    }
                }
            });
            // A recording started before this class was loaded (e.g. -XX:StartFlightRecording).
            if (FlightRecorder.isInitialized()) {
                recording = anyRunning();
            }
        } catch (RuntimeException | Error unavailable) {
            recording = false;
        }
    }

    private static boolean anyRunning() {
        return FlightRecorder.getFlightRecorder().getRecordings().stream()
                .anyMatch(x -> x.getState() == RecordingState.RUNNING);
    }

    private Events() {
    }

    /** An attempt of an atomic block was rolled back. */
    @Name("org.stm4j.Abort")
    @Label("STM Abort")
    @Category("stm4j")
    @Description("An attempt of an atomic block was rolled back")
    @StackTrace(true)
    static final class AbortEvent extends Event {
        @Label("Cause")
        String cause;
        @Label("Attempt")
        int attempt;
        @Label("Conflicting TVar")
        @Description("The name given to the TVar that caused the conflict, or its identity")
        String tvar;
        @Label("Structure")
        @Description("What the conflicting TVar is in its structure (\"TDict accounts, key 17\") while the conflict report is on; else its name or identity")
        String structure;
        @Label("Aborted Site")
        @Description("The aborted block's call site: the first frame outside stm4j")
        String site;
        @Label("Winner Site")
        @Description("The call site of the block that won the conflict, where the engine knows it")
        String winnerSite;
        @Label("Reads")
        int reads;
        @Label("Writes")
        int writes;
    }

    /** An atomic block that took long, from its first attempt to its commit. */
    @Name("org.stm4j.LongTransaction")
    @Label("STM Long Transaction")
    @Category("stm4j")
    @Description("An atomic block that took long from its first attempt to its commit")
    @Threshold("10 ms")
    @StackTrace(true)
    static final class LongTransactionEvent extends Event {
        @Label("Attempts")
        int attempts;
        @Label("Reads")
        int reads;
        @Label("Writes")
        int writes;
        @Label("Irrevocable")
        boolean irrevocable;
    }
}
