package org.stm4j.cm;

import java.util.concurrent.atomic.AtomicLong;
import org.agrona.concurrent.IdleStrategy;

/**
 * A gate held by at most one transaction (by its {@code TxnView.id()}, never 0), which others wait
 * on for a bounded time: the hourglass of {@link HourglassManager} and the serializing queue of
 * {@link SerializerManager}.
 *
 * <p>Waiting is bounded: {@value #WAIT_ROUNDS} rounds of the waiter's {@link Pause#idler()} (Agrona's
 * back-off idle strategy: a few spins and yields, then parks from 1 µs doubling to 200 µs, about 25 ms
 * in all). A gate's holder is a whole transaction, not a commit, so most waits reach the parks; the
 * spins and yields serve the holder that was about to leave. The holder may be descheduled, or
 * blocked in {@code Stm.retry()} waiting for a writer that is itself at the gate. After the bound a waiter goes on ungated, so a gate can slow transactions down but
 * never deadlock them. Entry is by CAS, not in FIFO order.
 */
final class Gate {
    /** The most rounds a transaction waits for the gate. */
    static final int WAIT_ROUNDS = 128;

    private final AtomicLong holder = new AtomicLong();

    /** Takes the gate if it is free; {@code true} if {@code id} holds it now. */
    boolean tryEnter(long id) {
        long h = holder.get();
        return h == id || (h == 0 && holder.compareAndSet(0, id));
    }

    /** Takes the gate, waiting a bounded time for it; {@code true} if {@code id} holds it now. */
    boolean enter(long id, Pause pause) {
        if (tryEnter(id)) {
            return true;
        }
        IdleStrategy idle = pause.idler();
        for (int round = 0; round < WAIT_ROUNDS; round++) {
            idle.idle();
            if (tryEnter(id)) {
                return true;
            }
        }
        return false;
    }

    /** Waits (bounded) while another transaction holds the gate. */
    void awaitOpen(long id, Pause pause) {
        if (!heldByOther(id)) {
            return;
        }
        IdleStrategy idle = pause.idler();
        for (int round = 0; round < WAIT_ROUNDS && heldByOther(id); round++) {
            idle.idle();
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
}
