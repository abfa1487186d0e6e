package org.stm4j.cm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A gate held by at most one transaction (by its {@code TxnView.id()}, never 0), which others wait
 * on for a bounded time: the hourglass of {@link HourglassManager} and the serializing queue of
 * {@link SerializerManager}.
 *
 * <p>Waiting is bounded ({@value #WAIT_ROUNDS} rounds of growing pauses, about 25 ms in all): the
 * holder may be descheduled, or blocked in {@code Stm.retry()} waiting for a writer that is itself
 * at the gate. After the bound a waiter goes on ungated, so a gate can slow transactions down but
 * never deadlock them. Entry is by CAS, not in FIFO order.
 */
final class Gate {
    /** The most rounds a transaction waits for the gate. */
    static final int WAIT_ROUNDS = 128;
    private static final long FIRST_PAUSE_NANOS = 1_000;
    private static final long MAX_PAUSE_NANOS = 200_000;

    private final AtomicLong holder = new AtomicLong();

    /** Takes the gate if it is free; {@code true} if {@code id} holds it now. */
    boolean tryEnter(long id) {
        long h = holder.get();
        return h == id || (h == 0 && holder.compareAndSet(0, id));
    }

    /** Takes the gate, waiting a bounded time for it; {@code true} if {@code id} holds it now. */
    boolean enter(long id, Pause pause) {
        for (int round = 0;; round++) {
            if (tryEnter(id)) {
                return true;
            }
            if (round >= WAIT_ROUNDS) {
                return false;
            }
            pause.pause(pauseNanos(round));
        }
    }

    /** Waits (bounded) while another transaction holds the gate. */
    void awaitOpen(long id, Pause pause) {
        for (int round = 0; round < WAIT_ROUNDS && heldByOther(id); round++) {
            pause.pause(pauseNanos(round));
        }
    }

    /** Whether a transaction other than {@code id} holds the gate. */
    boolean heldByOther(long id) {
        long h = holder.get();
        return h != 0 && h != id;
    }

    /** Opens the gate if {@code id} holds it. */
    void release(long id) {
        holder.compareAndSet(id, 0);
    }

    /** The id holding the gate, 0 if none. */
    long holder() {
        return holder.get();
    }

    static long pauseNanos(int round) {
        return Math.min(MAX_PAUSE_NANOS, FIRST_PAUSE_NANOS << Math.min(round, 20));
    }
}
