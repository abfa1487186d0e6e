/**
 * Python-style transactional collections whose operations compose atomically inside
 * {@code Stm.atomic}: {@link org.stm4j.collections.TList}, {@link org.stm4j.collections.TDict},
 * {@link org.stm4j.collections.TSet} and the bounded blocking {@link org.stm4j.collections.TQueue};
 * and Python's errors as Java exceptions ({@link org.stm4j.collections.IndexError},
 * {@link org.stm4j.collections.KeyError}, {@link org.stm4j.collections.ValueError}).
 *
 * <h2>Python names in Java</h2>
 * One rule spells every Python name: split it into its words — at underscores, and where Python ran
 * words together ({@code setdefault}, {@code issubset}, {@code __getitem__}) — and write the words
 * in lower camel case: {@code symmetric_difference_update} is {@code symmetricDifferenceUpdate},
 * {@code issubset} is {@code isSubset}, {@code d[k]} ({@code __getitem__}) is {@code getItem}. Where
 * the Python name would take over a {@code java.util} method with another contract, the Java name
 * says what differs ({@code list.remove(x)} is {@code removeItem}: {@code remove(Object)} keeps
 * Java's). Three of {@code dict}'s names keep Python's one-word spelling because the
 * specification fixes them ({@code TDict.fromkeys}, {@code setdefault}, {@code popitem}); the
 * rule's spellings ({@code fromKeys}, {@code setDefault}, {@code popItem}) are the same methods.
 * The full table is in the project's {@code docs/collections.md}.
 *
 * <h2>Memory consistency properties</h2>
 * Every operation of these collections is a transaction (outside {@code atomic}) or part of the
 * enclosing one, so the properties of {@code org.stm4j} apply operation by operation: actions in a
 * thread before an operation that stores an element or value happen-before the actions, in another
 * thread, that follow an operation retrieving it; an operation never observes part of another
 * transaction's changes; and the operations of one atomic block take effect together, at its commit.
 * Elements, keys and values should be immutable (or at least not mutated while shared): the
 * collections isolate which objects they hold, not those objects' own fields.
 */
@NullMarked
package org.stm4j.collections;

import org.jspecify.annotations.NullMarked;
