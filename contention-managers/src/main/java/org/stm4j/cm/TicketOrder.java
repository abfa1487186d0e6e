package org.stm4j.cm;

import org.jspecify.annotations.Nullable;
import org.stm4j.spi.TxnView;

/**
 * The age order that {@code greedy} and {@code timestamp} share: age is {@link TxnView#ticket()}
 * (handed out at a block's first abort, so a block that never aborted counts as youngest), the older
 * transaction wins, and a committer yields to an older visible reader. Stateless.
 */
final class TicketOrder {

    private TicketOrder() {
    }

    /** Whether {@code tx} is strictly older than the lock's holder (never, if the holder is unknown). */
    static boolean olderThan(TxnView tx, @Nullable TxnView owner) {
        return owner != null && tx.ticket() < owner.ticket();
    }

    /**
     * Whether committer {@code tx} yields to an older reader; a reader not known by view is compared by
     * its published priority (consecutive aborts) instead.
     */
    static boolean yieldsTo(TxnView tx, @Nullable TxnView reader, int readerPriority) {
        return reader == null ? readerPriority > tx.priority() : reader.ticket() < tx.ticket();
    }
}
