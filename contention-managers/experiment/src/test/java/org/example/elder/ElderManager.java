package org.example.elder;

import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.RandomBackoff;
import org.stm4j.spi.TxnView;

// region research-policy
/**
 * "elder": Greedy with real ages. The block that started first wins: a transaction waits for an
 * older lock holder (unless that holder is itself waiting), gives a younger one a short hand-off,
 * and a committer yields to older visible readers. After an abort it backs off, unless the enemy
 * was younger; from the 2nd abort on it re-runs with visible reads.
 */
public final class ElderManager implements ContentionManager {

    @Override
    public String name() {
        return "elder";
    }

    @Override
    public boolean needsStartTime() {
        return true; // have the engine record TxnView.startNanos()
    }

    /** Whether {@code a} started before {@code b}; false if either start time is unknown. */
    static boolean older(TxnView a, TxnView b) {
        long sa = a.startNanos();
        long sb = b.startNanos();
        return sa != Long.MIN_VALUE && sb != Long.MIN_VALUE && sa - sb < 0;
    }

    @Override
    public boolean onLocked(TxnView tx, TxnView owner, int spins, boolean atCommit) {
        if (owner == null || owner.waiting()) {
            return spins < 16; // unknown, or blocked itself: do not queue behind it
        }
        return older(owner, tx) || spins < 64; // wait for elders (the engine caps it), hand off to juniors
    }

    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause, TxnView enemy) {
        if (enemy == null || !older(tx, enemy)) {
            RandomBackoff.backOff(1_000, 1_000_000, tx.consecutiveAborts() - 1);
        }
        return tx.consecutiveAborts() >= 2 ? AttemptMode.PRIORITY : AttemptMode.OPTIMISTIC;
    }

    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        return onAbort(tx, cause, null); // for callers that know no enemy
    }

    @Override
    public boolean yieldsTo(TxnView tx, TxnView reader, int readerPriority) {
        return reader == null ? readerPriority > tx.priority() : older(reader, tx);
    }
}
// endregion
