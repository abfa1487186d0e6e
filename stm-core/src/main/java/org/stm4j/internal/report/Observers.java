package org.stm4j.internal.report;

/**
 * What watches the engine: the conflict report, listeners, listeners of long transactions. The
 * engine reads {@link #flags} once per block (and once per write outside a transaction); zero means
 * nothing watches, and then nothing is recorded, timed or allocated for the block.
 */
public final class Observers {
    /** The conflict report is on. */
    public static final int REPORT = 1;
    /** At least one listener is registered. */
    public static final int LISTENERS = 2;
    /** At least one registered listener wants long transactions (so blocks are timed). */
    public static final int LONG_LISTENERS = 4;

    /** The flags above; written only when the report is switched or a listener (un)registered. */
    public static volatile int flags;

    private static boolean report;
    private static int listeners;

    static {
        if (Boolean.getBoolean("stm4j.conflictReport")) {
            ConflictRecorder.enableWithExitReport();
        }
    }

    private Observers() {
    }

    static synchronized void report(boolean on) {
        report = on;
        publish();
    }

    static boolean report() {
        return (flags & REPORT) != 0;
    }

    static synchronized void listeners(int listenerFlags) {
        listeners = listenerFlags;
        publish();
    }

    private static void publish() {
        flags = (report ? REPORT : 0) | listeners;
    }
}
