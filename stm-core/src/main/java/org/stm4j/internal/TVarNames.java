package org.stm4j.internal;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Names given to TVars, for diagnostics (Flight Recorder abort events, {@code toString}). Kept
 * beside the TVars rather than in them so that an unnamed TVar pays no field for it. Only
 * construction with a name and diagnostics touch this map, never a transaction's fast path.
 */
public final class TVarNames {
    private static final Map<Object, String> NAMES = Collections.synchronizedMap(new WeakHashMap<>());

    private TVarNames() {
    }

    /** Names {@code tvar}. */
    public static void name(Object tvar, String name) {
        NAMES.put(tvar, name);
    }

    /** The name of {@code tvar}, or null. */
    public static String nameOf(Object tvar) {
        return NAMES.get(tvar);
    }

    /** The name of {@code tvar}, or {@code TVar@<identity hash>}. */
    public static String describe(Object tvar) {
        String n = NAMES.get(tvar);
        return n != null ? n : "TVar@" + Integer.toHexString(System.identityHashCode(tvar));
    }
}
