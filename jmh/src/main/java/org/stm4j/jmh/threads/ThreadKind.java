package org.stm4j.jmh.threads;

/**
 * The kind of thread a benchmark starts. {@link #VIRTUAL} needs JDK 21 or later; on an older JDK
 * (the build targets Java 17) {@link Threads} runs it on platform threads and says so.
 */
public enum ThreadKind {
    /** {@code new Thread(task).start()}. */
    PLATFORM,
    /** {@code Thread.startVirtualThread(task)} (JDK 21+), looked up reflectively. */
    VIRTUAL
}
