package org.stm4j.access;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;
import org.stm4j.TVar;
import org.stm4j.internal.report.ConflictRecorder;
import org.stm4j.internal.report.Sites;

/**
 * The structures the conflict report can name TVars by.
 *
 * <p>A collection registers its describer when it is built; registration is a no-op while the
 * conflict report is off (nothing is recorded or kept then), so structures built while it was off
 * are later described by their TVars' own names only. Describers are held weakly: registering keeps
 * nothing alive, so register an object the collection itself holds strongly (its internal core), not
 * a fresh wrapper.
 */
public final class Structures {
    private static final ConcurrentLinkedQueue<WeakReference<StructureDescriber>> REGISTERED =
            new ConcurrentLinkedQueue<>();

    private Structures() {
    }

    /**
     * Tells the conflict report that the module {@code libraryClass} was loaded from is stm4j's own:
     * its frames are never a block's call site (the report names the application's line that called
     * the collection instead). Call it from a static initializer of each public collection class.
     *
     * @param libraryClass a class of the collections module
     */
    public static void markLibrary(Class<?> libraryClass) {
        Sites.addLibrary(libraryClass);
    }

    /**
     * Registers {@code structure} for the conflict report, if the report is on.
     *
     * @param structure the describer, held weakly
     */
    public static void register(StructureDescriber structure) {
        if (ConflictRecorder.isEnabled()) {
            REGISTERED.add(new WeakReference<>(structure));
        }
    }

    /**
     * The description of {@code tvar} by the structure that holds it, or null if no registered
     * structure claims it. Drops the registrations of collected structures on the way.
     *
     * @param tvar the TVar
     * @return the description, or null
     */
    public static @Nullable String describe(TVar<?> tvar) {
        for (Iterator<WeakReference<StructureDescriber>> it = REGISTERED.iterator(); it.hasNext(); ) {
            StructureDescriber s = it.next().get();
            if (s == null) {
                it.remove();
                continue;
            }
            String d = s.describe(tvar);
            if (d != null) {
                return d;
            }
        }
        return null;
    }
}
