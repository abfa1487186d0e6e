package org.stm4j.cm;

import java.util.concurrent.atomic.AtomicLongArray;
import org.jspecify.annotations.Nullable;
import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "eruption"}: a blocked transaction lends its momentum to the one blocking it (Scherer &amp;
 * Scott, "Contention Management in Dynamic Software Transactional Memory", CSJP 2004).
 *
 * <p><b>Rule.</b> As Karma, but when a transaction waits for a stronger enemy it adds its own karma to
 * the enemy's, so a transaction that blocks many others gains the priority to finish quickly (and to
 * win its own conflicts) — pressure "erupts" through it.
 *
 * <p><b>In a lazy STM.</b> Strength is karma plus the momentum received during the current block.
 * A weaker transaction meeting a lock adds its karma to the holder's momentum (once per lock met) and
 * waits for it, backing off {@value #BACKOFF_NANOS} ns per round, up to the engine's cap. The boosted
 * committer is still committing: the momentum serves it where it still has a decision to make, in
 * {@code yieldsTo}, where it now outranks more visible readers, and in its future conflicts. A
 * transaction not weaker than the holder gives it a hand-off of {@value LazyMapping#HANDOFF_ROUNDS}
 * rounds, then aborts itself; after an abort it re-runs in {@code PRIORITY} mode with priority =
 * strength, so weaker committers yield to its visible reads.
 *
 * <p>Momentum is kept in a table of {@value LazyMapping#TABLE_SIZE} counters indexed by the
 * transaction's id (two live threads share a counter only when that many thread contexts were created
 * between them: a spurious boost, never a lost one); a block clears its counter when it begins. The
 * engine's attempt limit makes a block that keeps losing irrevocable. Needs from the SPI: the lock
 * holder's and the reader's views.
 */
public final class EruptionManager implements ContentionManager {
    /** The back-off interval of a waiting transaction. */
    static final long BACKOFF_NANOS = 2_000;

    private final AtomicLongArray momentum = new AtomicLongArray(LazyMapping.TABLE_SIZE);
    private final Pause pause;

    /** The Eruption policy, with its own momentum table. */
    public EruptionManager() {
        this(Pause.PARK);
    }

    EruptionManager(Pause pause) {
        this.pause = pause;
    }

    /**
     * The short name.
     *
     * @return {@code "eruption"}
     */
    @Override
    public String name() {
        return "eruption";
    }

    /**
     * Clears the momentum a previous block of this thread received.
     *
     * @param tx the transaction beginning an attempt
     */
    @Override
    public void onBegin(TxnView tx) {
        int slot = LazyMapping.slot(tx.id());
        if (tx.attempt() == 1 && momentum.getPlain(slot) != 0) {
            momentum.set(slot, 0);
        }
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
     * Weaker: boost the holder and wait. Otherwise: a hand-off, then abort.
     *
     * @param tx       the transaction that met the lock
     * @param owner    the committer holding it, or {@code null} if unknown
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return whether to keep waiting
     */
    @Override
    public boolean onLocked(TxnView tx, @Nullable TxnView owner, int spins, boolean atCommit) {
        if (owner != null && strength(tx) < strength(owner)) {
            if (spins == 0) {
                momentum.getAndAdd(LazyMapping.slot(owner.id()), tx.karma());
            }
            pause.pause(BACKOFF_NANOS);
            return true;
        }
        return spins < LazyMapping.HANDOFF_ROUNDS;
    }

    /**
     * A committer yields to a stronger reader.
     *
     * @param tx             the committing transaction
     * @param reader         the prioritized reader, or {@code null} if unknown
     * @param readerPriority the reader's published priority (its strength when it began)
     * @return whether {@code tx} aborts in favour of the reader
     */
    @Override
    public boolean yieldsTo(TxnView tx, @Nullable TxnView reader, int readerPriority) {
        long readerStrength = reader == null ? readerPriority : strength(reader);
        return readerStrength > strength(tx);
    }

    /**
     * The priority of a re-run: the transaction's strength.
     *
     * @param tx the transaction
     * @return karma plus momentum, clamped to an int
     */
    @Override
    public int priorityOf(TxnView tx) {
        return LazyMapping.priority(strength(tx));
    }

    /** Karma plus the momentum lent by transactions waiting for this one. */
    long strength(TxnView tx) {
        return tx.karma() + momentum.get(LazyMapping.slot(tx.id()));
    }
}
