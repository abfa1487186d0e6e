package org.stm4j.cm;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "serializer"}: adaptive transaction scheduling (Yoo &amp; Lee, "Adaptive Transaction
 * Scheduling for Transactional Memory Systems", SPAA 2008).
 *
 * <p><b>Rule.</b> Each thread keeps a <em>contention intensity</em>, an exponential moving average of
 * its outcomes: {@code CI = a * CI + (1 - a) * c}, with {@code c = 1} after an abort and {@code 0}
 * after a commit. A thread whose CI is above a threshold does not start its transaction freely: it is
 * dispatched to a central queue that runs such high-contention transactions one at a time. Threads with
 * little contention run in parallel untouched; under heavy contention the system degrades gracefully
 * towards serial execution instead of aborting repeatedly.
 *
 * <p><b>In a lazy STM.</b> The scheduling happens where the paper puts it, at begin, so nothing needs
 * the enemy: {@code onBegin} of a thread with {@code CI >= }{@value #THRESHOLD}/{@value #ONE} waits for
 * the serializing gate ({@link Gate}: one holder, entry by CAS rather than FIFO, waiting bounded at
 * about 25 ms, after which the transaction goes on unserialized — a holder blocked in
 * {@code Stm.retry()} must not stop everyone). The holder keeps the gate across its re-runs and gives
 * it up when it commits, or in {@code onLeave} when it throws, times out or waits in {@code retry}.
 * Here {@code a = 1/2} and the threshold 0.7, so two consecutive aborts serialize a thread and a commit
 * or two bring it back; these constants are ours. CI is a fixed-point number (0..{@value #ONE}) in a
 * table of {@value LazyMapping#TABLE_SIZE} entries indexed by thread id (two live threads share an
 * entry only when that many thread contexts were created between them). No backoff, no priority: the
 * engine's attempt limit still makes a block that keeps losing irrevocable. Needs from the SPI:
 * {@code onLeave}, so that the gate is never left closed by a block that ends without committing.
 */
public final class SerializerManager implements ContentionManager {
    /** 1.0 in the fixed-point contention intensity. */
    static final int ONE = 1024;
    /** Contention intensity from which transactions are serialized (0.7). */
    static final int THRESHOLD = 717;
    private static final long HOLDS_GATE = 1;

    private final AtomicIntegerArray intensity = new AtomicIntegerArray(LazyMapping.TABLE_SIZE);
    private final Gate gate = new Gate();
    private final Pause pause;

    /** The ATS policy, with its own queue and intensity table. */
    public SerializerManager() {
        this(Pause.PARK);
    }

    SerializerManager(Pause pause) {
        this.pause = pause;
    }

    /**
     * The short name.
     *
     * @return {@code "serializer"}
     */
    @Override
    public String name() {
        return "serializer";
    }

    /**
     * A high-contention thread queues for the serializing gate.
     *
     * @param tx the transaction beginning an attempt
     */
    @Override
    public void onBegin(TxnView tx) {
        if (tx.managerState() != HOLDS_GATE && contentionIntensity(tx) >= THRESHOLD && gate.enter(tx.id(), pause)) {
            tx.managerState(HOLDS_GATE);
        }
    }

    /**
     * Records the commit and opens the gate if this transaction held it.
     *
     * @param tx the transaction that committed
     */
    @Override
    public void onCommit(TxnView tx) {
        record(tx, 0);
        onLeave(tx);
    }

    /**
     * Records the abort; re-runs at once (still holding the gate, if it did).
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return {@link AttemptMode#OPTIMISTIC}
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        record(tx, ONE);
        return AttemptMode.OPTIMISTIC;
    }

    /**
     * Opens the gate if this transaction holds it.
     *
     * @param tx the transaction whose block ended or waits
     */
    @Override
    public void onLeave(TxnView tx) {
        if (tx.managerState() == HOLDS_GATE) {
            gate.release(tx.id());
            tx.managerState(0);
        }
    }

    /** The calling thread's contention intensity, 0..{@value #ONE}. */
    int contentionIntensity(TxnView tx) {
        return intensity.getPlain(LazyMapping.slot(tx.id()));
    }

    /** Whether the thread of {@code tx} holds the serializing gate. */
    boolean holdsGate(TxnView tx) {
        return gate.holder() == tx.id();
    }

    private void record(TxnView tx, int outcome) {
        int slot = LazyMapping.slot(tx.id());
        int old = intensity.getPlain(slot);
        int next = (old + outcome) >>> 1;
        if (next != old) {
            intensity.setPlain(slot, next);
        }
    }
}
