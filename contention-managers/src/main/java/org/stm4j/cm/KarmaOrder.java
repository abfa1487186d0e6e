package org.stm4j.cm;

import org.jspecify.annotations.Nullable;
import org.stm4j.spi.TxnView;

/**
 * The karma ranking that {@code karma} and {@code polka} share (Scherer &amp; Scott): a transaction
 * weaker than a lock's holder backs off one round per point of karma it lacks, then gives the
 * committing holder a hand-off of {@value LazyMapping#HANDOFF_ROUNDS} rounds; a committer yields to a
 * reader with more karma; a re-run's priority is the karma. The two policies differ only in how long
 * a back-off round waits ({@link RoundWait}). Stateless.
 */
final class KarmaOrder {

    /** One back-off round of a weaker transaction. */
    @FunctionalInterface
    interface RoundWait {
        /** Waits back-off round {@code round} (from 0). */
        void await(int round);
    }

    private KarmaOrder() {
    }

    /** The karma {@code tx} lacks against {@code owner} (0 if not weaker, or the owner unknown). */
    static long gap(TxnView tx, @Nullable TxnView owner) {
        return owner == null ? 0 : Math.max(0, owner.karma() - tx.karma());
    }

    /**
     * The lock rule: while {@code spins} is below the karma gap, wait a round and keep waiting; then
     * keep waiting for the hand-off only.
     */
    static boolean onLocked(TxnView tx, @Nullable TxnView owner, int spins, RoundWait wait) {
        long gap = gap(tx, owner);
        if (spins < gap) {
            wait.await(spins);
            return true;
        }
        return spins < gap + LazyMapping.HANDOFF_ROUNDS;
    }

    /** Whether committer {@code tx} yields to a reader with more karma (its published priority if unknown). */
    static boolean yieldsTo(TxnView tx, @Nullable TxnView reader, int readerPriority) {
        long readerKarma = reader == null ? readerPriority : reader.karma();
        return readerKarma > tx.karma();
    }

    /** The priority of a re-run: the karma, clamped. */
    static int priorityOf(TxnView tx) {
        return LazyMapping.priority(tx.karma());
    }
}
