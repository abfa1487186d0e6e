package org.stm4j.cm;

/**
 * What the policies share in mapping "abort the enemy" onto a lazy STM.
 *
 * <p>When a transaction meets a lock, its holder is <em>committing</em>: it has validated or is about
 * to, and nothing can abort it any more. A policy that would abort that enemy therefore gives it a
 * short hand-off ({@link #HANDOFF_ROUNDS} rounds of the engine's spin-then-yield wait, usually
 * enough for a commit to finish) and, if the lock is still held, aborts itself and re-runs in
 * {@code PRIORITY} mode: its reads become visible and the committers it outranks yield to them. That
 * is where a lazy STM can still act on the enemy: before it overwrites what the stronger transaction
 * read. A policy that would wait for the enemy keeps waiting (the engine caps every lock wait at about
 * 0.3 s, so waiting never deadlocks).
 */
final class LazyMapping {
    /** Rounds a transaction that outranks the lock's holder waits for its commit to finish. */
    static final int HANDOFF_ROUNDS = 64;
    /** Size of the id-indexed tables some policies keep (a power of two). */
    static final int TABLE_SIZE = 1024;

    private LazyMapping() {
    }

    /** {@code value} as a priority: clamped into {@code 0 .. Integer.MAX_VALUE - 1}. */
    static int priority(long value) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1, value));
    }

    /**
     * The entry of an id-indexed table. Thread ids are handed out in sequence, so two threads share an
     * entry only when {@value #TABLE_SIZE} other thread contexts were created between them.
     */
    static int slot(long id) {
        return (int) id & (TABLE_SIZE - 1);
    }
}
