package org.stm4j.internal;

import org.stm4j.spi.ContentionManager;

/**
 * The engine-side form of a {@code TxnConfig}: the fields the transaction loop reads on every
 * block, with no allocation (a {@code TxnConfig} builds its policy once).
 */
public final class BlockPolicy {
    final ContentionManager contentionManager;
    final int maxAttempts;
    final boolean throwWhenExhausted;
    final boolean readOnly;
    final boolean irrevocable;
    final long timeoutNanos;

    /** Creates a policy; arguments were validated by the {@code TxnConfig} builder. */
    public BlockPolicy(ContentionManager contentionManager, int maxAttempts, boolean throwWhenExhausted,
            boolean readOnly, boolean irrevocable, long timeoutNanos) {
        this.contentionManager = contentionManager;
        this.maxAttempts = maxAttempts;
        this.throwWhenExhausted = throwWhenExhausted;
        this.readOnly = readOnly;
        this.irrevocable = irrevocable;
        this.timeoutNanos = timeoutNanos;
    }
}
