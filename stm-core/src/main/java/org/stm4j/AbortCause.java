package org.stm4j;

/** Why an attempt of an atomic block was rolled back. Counted in {@link StmStats}. */
public enum AbortCause {
    /** A read found a TVar newer than the snapshot, and extending the snapshot failed validation. */
    READ_CONFLICT,
    /** A read found a TVar locked by a committing transaction and the contention manager gave up waiting. */
    READ_LOCKED,
    /** Commit could not lock a TVar it writes (held by another committer) and gave up waiting. */
    WRITE_LOCKED,
    /** Commit-time validation found that a TVar read by the attempt had been overwritten. */
    VALIDATION,
    /** Commit would have overwritten a visible read of a higher-priority (or irrevocable) transaction. */
    PRIORITY_READER,
    /** Becoming irrevocable failed validation; the block restarts, irrevocable from its first read. */
    IRREVOCABLE_UPGRADE,
    /** The block called {@link Stm#retry()} and waited for a change. */
    RETRY,
    /** The block threw; the exception propagated to the caller and the block was not re-run. */
    EXCEPTION
}
