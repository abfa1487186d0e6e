package org.stm4j.access;

/**
 * A pending value computed at commit from the value then committed: a commutative update (a
 * counter delta, a log append) that needs no read of the TVar, so transactions that only defer
 * onto the same TVar never conflict with each other; they only take its lock in turn at commit.
 * Written with {@link Txn#writeDeferred}.
 *
 * <p>Deferred values must be immutable: nested rollback ({@code orElse}, a nested block that
 * throws) restores an earlier pending value by reference. {@link #resolve} may however finish
 * the initialisation of objects this transaction created and is about to publish.
 *
 * <p>Used by the transactional collections (striped sizes, insertion order); not an API.
 */
public interface Deferred {

    /**
     * The value the writing transaction itself sees when it reads the TVar, given a (logged and
     * validated) read of the committed value. Must not write TVars.
     *
     * @param committed the committed value
     * @return the value as seen by the writer
     */
    Object peek(Object committed);

    /**
     * The value to publish, given the committed one. Runs once, during the commit, after the whole
     * write set is locked and the read set validated, so the commit can no longer fail; other TVars
     * of the write set can be inspected with {@link Txn#pendingWrite} and {@link Txn#lockedValue}.
     * Must not start transactions or block.
     *
     * @param committed the committed value
     * @param committing the committing transaction's context
     * @return the value to publish
     */
    Object resolve(Object committed, Txn committing);
}
