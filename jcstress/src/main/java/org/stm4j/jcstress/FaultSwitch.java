package org.stm4j.jcstress;

import org.stm4j.internal.Faults;

/**
 * Arms one of the engine's test-only faults ({@link Faults}) for the JVM a {@code Broken} variant
 * runs in, and refuses to run such a variant on an engine where the fault is not on — a broken
 * variant that silently ran against the real engine would "pass" and prove nothing.
 *
 * <p>Each jcstress fork is a fresh JVM running one test, so a {@code Broken} class arms its fault
 * in its static initializer, before the state constructor first touches the engine; the
 * {@link Faults} flags are read once, when the engine first loads. The regular suite never loads a
 * {@code Broken} class (the runner selects them out by name), so it always runs the real engine.
 */
final class FaultSwitch {

    private FaultSwitch() {
    }

    /** Switches {@code fault} on for this JVM; call from a static initializer. */
    static void arm(String fault) {
        System.setProperty(Faults.PROPERTY, fault);
    }

    /** Throws unless {@code fault} is on in this JVM (call from the state constructor). */
    static void require(String fault) {
        if (!Faults.on(fault)) {
            throw new IllegalStateException("fault '" + fault + "' is not armed in this JVM: the engine loaded"
                    + " before the Broken variant could arm it, so this run would test the real engine");
        }
    }
}
