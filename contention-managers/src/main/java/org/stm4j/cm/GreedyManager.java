package org.stm4j.cm;

import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "greedy"}: the older transaction always wins, the younger waits (Guerraoui, Herlihy &amp;
 * Pochon, "Toward a Theory of Transactional Contention Managers", PODC 2005).
 *
 * <p><b>Rule.</b> Transactions are ordered by their start time, kept across aborts. When A conflicts
 * with B: if B is younger than A, or B is itself waiting, A aborts B; otherwise A waits for B. The
 * oldest running transaction is then never aborted, which bounds how long any transaction takes.
 *
 * <p><b>In a lazy STM.</b> Age is {@link TxnView#ticket()} (assigned at a block's first abort; a block
 * that never aborted counts as youngest, and in a lazy STM it has lost nothing yet). The enemy met at
 * a lock is committing, never waiting. At a lock:
 * <ul>
 *   <li>the holder is older (or unknown): wait for it, up to the engine's cap;</li>
 *   <li>the holder is younger: A would abort it but cannot; it gives the commit a hand-off of
 *       {@value LazyMapping#HANDOFF_ROUNDS} rounds, then aborts itself and re-runs with visible
 *       reads.</li>
 * </ul>
 * After an abort a block re-runs in {@code PRIORITY} mode (priority = consecutive aborts), and a
 * committer yields to every visible reader older than itself. So the oldest transaction's reads
 * cannot be overwritten by younger committers — the lazy form of "the oldest is never aborted" (short
 * of reader slots: 62 prioritized transactions at a time). The engine's attempt limit still makes a
 * block that keeps losing irrevocable. Needs from the SPI: the holder's and the reader's views (their
 * tickets), compared by {@link TicketOrder} as in {@link TimestampManager}. Stateless: one instance
 * serves every thread.
 */
public final class GreedyManager implements ContentionManager {

    /** The Greedy policy. */
    public GreedyManager() {
    }

    /**
     * The short name.
     *
     * @return {@code "greedy"}
     */
    @Override
    public String name() {
        return "greedy";
    }

    /**
     * Re-runs in priority mode, at once.
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return {@link AttemptMode#PRIORITY}
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        return AttemptMode.PRIORITY;
    }

    /**
     * Wait for an older holder; a hand-off for a younger one.
     *
     * @param tx       the transaction that met the lock
     * @param owner    the committer holding it, or {@code null} if unknown
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return whether to keep waiting
     */
    @Override
    public boolean onLocked(TxnView tx, @Nullable TxnView owner, int spins, boolean atCommit) {
        return !TicketOrder.olderThan(tx, owner) || spins < LazyMapping.HANDOFF_ROUNDS;
    }

    /**
     * A committer yields to an older reader.
     *
     * @param tx             the committing transaction
     * @param reader         the prioritized reader, or {@code null} if unknown
     * @param readerPriority the reader's published priority
     * @return whether {@code tx} aborts in favour of the reader
     */
    @Override
    public boolean yieldsTo(TxnView tx, @Nullable TxnView reader, int readerPriority) {
        return TicketOrder.yieldsTo(tx, reader, readerPriority);
    }
}
