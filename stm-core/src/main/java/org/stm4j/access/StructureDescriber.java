package org.stm4j.access;

import org.jspecify.annotations.Nullable;
import org.stm4j.TVar;

/**
 * A structure built of TVars (a collection) that can say which of its parts a TVar is, for the
 * conflict report: {@code "TDict accounts, key 17"}, {@code "TList inbox, index 3"},
 * {@code "TList inbox, size"}.
 *
 * <p>Called only while the conflict report is on, after the aborted attempt rolled back (no lock
 * held), from the thread that aborted; it may take time linear in the structure's size, but must not
 * run a transaction, block, or call user code other than the keys' {@code toString}.
 */
public interface StructureDescriber {

    /**
     * Describes {@code tvar} if it is one of this structure's TVars.
     *
     * @param tvar a TVar that took part in a conflict
     * @return its description ({@code "<Type> <name>, <part>"}), or null if it is not one of this
     *     structure's TVars
     */
    @Nullable String describe(TVar<?> tvar);
}
