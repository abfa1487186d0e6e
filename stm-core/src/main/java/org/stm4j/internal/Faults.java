package org.stm4j.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Deliberate, test-only breakage of the engine, so that the verification suites (the jcstress
 * module's {@code Broken} variants) can show they catch a broken STM: a suite that passes against
 * an engine with validation switched off proves nothing.
 *
 * <p>Faults are chosen once per JVM by the system property {@code stm4j.internal.fault}, a
 * comma-separated list of the names below; without it every flag is {@code false}. The flags are
 * {@code static final}, so the JIT folds each check away and a production JVM pays nothing. A JVM
 * with a fault switched on says so on standard error when this class initializes.
 *
 * <ul>
 *   <li>{@code skip-validation}: reads are never validated, neither when a newer version forces an
 *       extension nor at commit (breaks opacity, atomicity of what a transaction sees, and
 *       serializability);</li>
 *   <li>{@code lost-wakeup}: a commit never wakes transactions blocked in {@code retry};</li>
 *   <li>{@code orelse-keeps-writes}: {@code orElse} does not undo the writes of a first branch that
 *       retried;</li>
 *   <li>{@code ignore-irrevocable}: a committer does not yield to the reads of an irrevocable
 *       transaction;</li>
 *   <li>{@code leak-locks-on-error}: a commit that fails with an exception after locking its write
 *       set leaves the locks held.</li>
 * </ul>
 */
public final class Faults {
    /** The system property that switches faults on. */
    public static final String PROPERTY = "stm4j.internal.fault";

    /** Every fault this engine knows. */
    private static final List<String> KNOWN = List.of("skip-validation", "lost-wakeup", "orelse-keeps-writes",
            "ignore-irrevocable", "leak-locks-on-error");

    private static final List<String> ON = parse(System.getProperty(PROPERTY, ""));

    static final boolean SKIP_VALIDATION = ON.contains("skip-validation");
    static final boolean LOST_WAKEUP = ON.contains("lost-wakeup");
    static final boolean ORELSE_KEEPS_WRITES = ON.contains("orelse-keeps-writes");
    static final boolean IGNORE_IRREVOCABLE = ON.contains("ignore-irrevocable");
    static final boolean LEAK_LOCKS_ON_ERROR = ON.contains("leak-locks-on-error");

    static {
        if (!ON.isEmpty()) {
            System.err.println("stm4j: FAULT INJECTION ON (" + PROPERTY + "=" + String.join(",", ON)
                    + "): this engine is deliberately broken");
        }
    }

    private Faults() {
    }

    /** Whether the named fault is switched on in this JVM (for tests that must check their setup). */
    public static boolean on(String name) {
        return ON.contains(name);
    }

    private static List<String> parse(String value) {
        List<String> names = Arrays.stream(value.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .toList();
        for (String name : names) {
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown fault '" + name + "' in -D" + PROPERTY + "; known: " + KNOWN);
            }
        }
        return names;
    }
}
