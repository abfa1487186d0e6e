package org.stm4j.jmh.threads;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Starts platform and virtual threads from code compiled for Java 17. {@code
 * Thread.startVirtualThread(Runnable)} is looked up once, with {@link MethodHandles}, when this class
 * initializes; a {@code static final} handle called with {@code invokeExact} costs the same as a
 * direct call once compiled.
 *
 * <p><b>On a JDK without virtual threads</b> (17 to 20), a benchmark asked for
 * {@link ThreadKind#VIRTUAL} does not fail: {@link #resolve} prints a warning into the JMH output
 * ({@value #FALLBACK_WARNING} ...) and the trial runs on platform threads, so the CI smoke on JDK 17
 * still exercises the code. Such a result is a platform-thread result under a VIRTUAL label: measure
 * VIRTUAL on JDK 21+ only ({@code jmh/threads-report.py} flags VIRTUAL rows whose JSON says the JDK
 * was older than 21).
 */
final class Threads {
    /** The start of the line printed when VIRTUAL falls back to platform threads. */
    static final String FALLBACK_WARNING = "WARNING: no virtual threads on this JDK";

    /** {@code Thread.startVirtualThread(Runnable)}, or null before JDK 21. */
    private static final MethodHandle START_VIRTUAL = findStartVirtual();

    private Threads() {
    }

    private static MethodHandle findStartVirtual() {
        try {
            return MethodHandles.publicLookup().findStatic(Thread.class, "startVirtualThread",
                    MethodType.methodType(Thread.class, Runnable.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** Whether this JDK has virtual threads. */
    static boolean virtualAvailable() {
        return START_VIRTUAL != null;
    }

    /**
     * Whether a trial asked for {@code kind} will really start virtual threads: true for
     * {@link ThreadKind#VIRTUAL} on JDK 21+. For VIRTUAL on an older JDK it prints the fallback
     * warning (once per trial, into the JMH console output beside the result) and returns false.
     */
    static boolean resolve(ThreadKind kind, String benchmark) {
        if (kind != ThreadKind.VIRTUAL) {
            return false;
        }
        if (virtualAvailable()) {
            return true;
        }
        System.out.println(FALLBACK_WARNING + " (Java " + System.getProperty("java.version") + "): "
                + benchmark + " with VIRTUAL runs on PLATFORM threads; this score is NOT a virtual-thread"
                + " measurement. Run it on JDK 21 or later.");
        return false;
    }

    /** Starts {@code task} on a new virtual thread ({@code virtual}, JDK 21+) or platform thread. */
    static Thread start(boolean virtual, Runnable task) {
        if (virtual) {
            try {
                return (Thread) START_VIRTUAL.invokeExact(task);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    /** Joins {@code thread}, restoring the interrupt flag and failing if interrupted. */
    static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining " + thread, e);
        }
    }
}
