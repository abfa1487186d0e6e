/**
 * stm4j's API: {@link org.stm4j.TVar transactional variables} and {@link org.stm4j.Stm atomic blocks}.
 *
 * <h2>Memory consistency properties</h2>
 * <ul>
 *   <li>A committed transaction's writes become visible to other threads all at once: no
 *       transaction, and no non-transactional {@code TVar.get}, ever observes some of them without
 *       the others.</li>
 *   <li>Actions in a thread before a transaction commits happen-before actions in another thread
 *       after it reads (in or outside a transaction) a value that transaction wrote. An object
 *       fully built before it is stored in a TVar is fully visible to whoever reads it from the TVar.</li>
 *   <li>Committed transactions are serializable, and every transaction, including one that will
 *       abort, only ever observes a state that some serial order of committed transactions
 *       produced (opacity).</li>
 *   <li>A commit happens-before its {@code afterCommit} hooks run.</li>
 * </ul>
 * Values stored in TVars should be immutable: the STM isolates the reference, not the object.
 */
@NullMarked
package org.stm4j;

import org.jspecify.annotations.NullMarked;
