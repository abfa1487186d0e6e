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
    /** Whether the manager wants {@code TxnView.startNanos()} recorded (asked once, here). */
    final boolean recordsStartTime;

    /** Creates a policy; arguments were validated by the {@code TxnConfig} builder. */
    public BlockPolicy(ContentionManager contentionManager, int maxAttempts, boolean throwWhenExhausted,
            boolean readOnly, boolean irrevocable, long timeoutNanos) {
        this.contentionManager = contentionManager;
        this.maxAttempts = maxAttempts;
        this.throwWhenExhausted = throwWhenExhausted;
        this.readOnly = readOnly;
        this.irrevocable = irrevocable;
        this.timeoutNanos = timeoutNanos;
        this.recordsStartTime = contentionManager.needsStartTime();
    }

    private BlockPolicy readOnlyTwin;

    /** This policy with {@code readOnly} set (for a nested read-only block); created once. */
    BlockPolicy readOnlyTwin() {
        BlockPolicy twin = readOnlyTwin;
        if (twin == null) {
            twin = new BlockPolicy(contentionManager, maxAttempts, throwWhenExhausted, true, irrevocable, timeoutNanos);
            readOnlyTwin = twin; // a benign race: any twin is as good as another
        }
        return twin;
    }

    /**
     * What {@code nested} would change about a running transaction that has this policy and a
     * nested block cannot change, or null if nothing: the contention manager (by class), the attempt
     * limit and what happens past it, the timeout.
     */
    String conflictWith(BlockPolicy nested) {
        if (nested.contentionManager != contentionManager
                && nested.contentionManager.getClass() != contentionManager.getClass()) {
            return "contention manager (" + contentionManager.name() + " -> " + nested.contentionManager.name() + ")";
        }
        if (nested.maxAttempts != maxAttempts) {
            return "attempt limit (" + maxAttempts + " -> " + nested.maxAttempts + ")";
        }
        if (nested.throwWhenExhausted != throwWhenExhausted) {
            return "policy past the attempt limit";
        }
        if (nested.timeoutNanos != timeoutNanos) {
            return "timeout (" + describe(timeoutNanos) + " -> " + describe(nested.timeoutNanos) + ")";
        }
        return null;
    }

    private static String describe(long nanos) {
        return nanos == 0 ? "none" : java.time.Duration.ofNanos(nanos).toString();
    }
}
