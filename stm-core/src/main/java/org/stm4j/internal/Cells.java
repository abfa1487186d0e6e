package org.stm4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.stm4j.TVar;

/**
 * Access to the two fields of a {@link TVar}: its metadata word ({@link Meta}) and its value.
 * The fields are private to {@code TVar}; the engine reaches them through these handles, which the
 * JIT folds into plain field accesses.
 */
final class Cells {
    static final VarHandle META;
    static final VarHandle VALUE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(TVar.class, MethodHandles.lookup());
            META = lookup.findVarHandle(TVar.class, "meta", long.class);
            VALUE = lookup.findVarHandle(TVar.class, "value", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Cells() {
    }
}
