package org.stm4j.cm;

import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "hourglass"}: a transaction that keeps aborting stops new ones from starting until it
 * commits (Liu &amp; Spear, "Toxic Transactions", TRANSACT 2011).
 *
 * <p><b>Rule.</b> A transaction that has aborted {@value #THRESHOLD} times in a row is "toxic": it
 * takes a global token, the hourglass. While the token is held, no other transaction may begin; those
 * already running finish (or abort) and the toxic one gets the machine to itself, like the last grains
 * of sand through the neck of an hourglass. It releases the token when it commits.
 *
 * <p><b>In a lazy STM.</b> Nothing needs the enemy: gating happens at begin. After the
 * {@value #THRESHOLD}th consecutive abort, {@code onAbort} tries to take the token ({@link Gate}; if
 * another toxic transaction holds it, it waits its turn at its next begin like everyone else).
 * {@code onBegin} of any other transaction waits while the token is held — bounded at about 25 ms, after
 * which it begins anyway, so a holder that is descheduled or blocked in {@code Stm.retry()} slows the
 * others down but cannot stop them. The holder keeps the token across its re-runs and releases it on
 * commit, or in {@code onLeave} when it throws, times out or waits in {@code retry}. No backoff, no
 * priority; the engine's attempt limit still makes a block that keeps losing irrevocable. Needs from the
 * SPI: {@code onLeave}, so that the token is never left held by a block that ends without committing.
 */
public final class HourglassManager implements ContentionManager {
    /** Consecutive aborts that make a transaction toxic (RSTM's Hourglass uses 2). */
    static final int THRESHOLD = 2;
    private static final long HOLDS_TOKEN = 1;

    private final Gate hourglass = new Gate();
    private final Pause pause;

    /** The Hourglass policy, with its own token. */
    public HourglassManager() {
        this(Pause.PARK);
    }

    HourglassManager(Pause pause) {
        this.pause = pause;
    }

    /**
     * The short name.
     *
     * @return {@code "hourglass"}
     */
    @Override
    public String name() {
        return "hourglass";
    }

    /**
     * Waits (bounded) while another transaction holds the hourglass.
     *
     * @param tx the transaction beginning an attempt
     */
    @Override
    public void onBegin(TxnView tx) {
        if (tx.managerState() == HOLDS_TOKEN) {
            return;
        }
        if (tx.consecutiveAborts() < THRESHOLD) {
            hourglass.awaitOpen(tx.id(), pause);
        } else if (hourglass.enter(tx.id(), pause)) {
            tx.managerState(HOLDS_TOKEN); // toxic, and the previous holder is done
        }
    }

    /**
     * Releases the hourglass if this transaction held it.
     *
     * @param tx the transaction that committed
     */
    @Override
    public void onCommit(TxnView tx) {
        onLeave(tx);
    }

    /**
     * From the {@value #THRESHOLD}th consecutive abort, takes the hourglass if it is free.
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return {@link AttemptMode#OPTIMISTIC}
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        if (tx.consecutiveAborts() >= THRESHOLD && tx.managerState() != HOLDS_TOKEN && hourglass.tryEnter(tx.id())) {
            tx.managerState(HOLDS_TOKEN);
        }
        return AttemptMode.OPTIMISTIC;
    }

    /**
     * Releases the hourglass if this transaction holds it.
     *
     * @param tx the transaction whose block ended or waits
     */
    @Override
    public void onLeave(TxnView tx) {
        if (tx.managerState() == HOLDS_TOKEN) {
            hourglass.release(tx.id());
            tx.managerState(0);
        }
    }

    /** The id of the transaction holding the hourglass, 0 if none. */
    long holder() {
        return hourglass.holder();
    }
}
