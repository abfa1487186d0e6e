/**
 * Contention-management policies for stm4j, each selectable by short name (in code with
 * {@code ContentionManagers.named(name)}, per block with {@code TxnConfig.builder().contentionManager(name)},
 * or process-wide with {@code -Dstm4j.contentionManager=NAME}): {@code aggressive}, {@code suicide},
 * {@code backoff}, {@code polite}, {@code karma}, {@code polka}, {@code eruption}, {@code timestamp},
 * {@code greedy}, {@code serializer}, {@code hourglass} and {@code comprehensive}
 * (see {@link org.stm4j.cm.PolicyRegistry}).
 *
 * <p>stm4j is a lazy STM: the transaction a conflict is with has already committed or is committing,
 * so "abort the enemy" has little to act on. Each policy's class documentation states its rule, the
 * paper it comes from, and what it does instead in a lazy STM; {@code docs/contention-management.md}
 * compares them. Every policy keeps stm4j's progress guarantee: past the block's attempt limit the
 * engine runs it irrevocably, whatever the policy says.
 */
@NullMarked
package org.stm4j.cm;

import org.jspecify.annotations.NullMarked;
