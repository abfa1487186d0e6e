package org.stm4j.internal.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.stm4j.TVar;
import org.stm4j.access.Structures;
import org.stm4j.internal.TVarNames;

/**
 * The conflict report's recorder: rows keyed by (aborted block's site, winner's site, structure
 * part), filled by aborting threads, read as snapshots.
 *
 * <p>Off (the default) nothing reaches it: the engine reads {@link Observers#flags} once per block
 * and, finding zero, records nothing. On, each top-level block remembers its class (and, for an
 * application's lambda, its site: one stack walk per class, ever); each abort then costs one clock
 * read, a map look-up by (site, winner, structure) and a few adder increments — plus, the first time a
 * TVar conflicts, asking the registered structures which part of them it is (then cached), and
 * for a block of a library class (a collection's single operation) a stack walk to find its caller.
 *
 * <p>Rows survive {@link #reset()} only as far as a thread holding one finishes its update into the
 * old map: a reset is a fresh start, not an atomic cut.
 */
public final class ConflictRecorder {
    private static final ConcurrentHashMap<Key, Row> ROWS = new ConcurrentHashMap<>();
    /**
     * Descriptions of TVars seen in conflicts (TVars compare by identity). Read without a lock by every
     * abort; it holds its TVars strongly, so it is bounded: past {@link #MAX_DESCRIPTIONS} entries it
     * is cleared and refills with what still conflicts ({@link #reset()} clears it too).
     */
    private static final ConcurrentHashMap<TVar<?>, String> DESCRIPTIONS = new ConcurrentHashMap<>();
    private static final int MAX_DESCRIPTIONS = 1 << 16;
    private static volatile boolean exitReport;
    /** Counts resets; a thread's cached row is current only if made in this generation. */
    private static final AtomicInteger GENERATION = new AtomicInteger();

    private ConflictRecorder() {
    }

    /** Whether the report is on. */
    public static boolean isEnabled() {
        return Observers.report();
    }

    /**
     * Switches the report on or off. Blocks already running keep the setting they started with.
     *
     * @param on the new setting
     */
    public static void setEnabled(boolean on) {
        Observers.report(on);
    }

    /** {@code -Dstm4j.conflictReport=true}: on from the start, printed to standard error at exit. */
    static void enableWithExitReport() {
        Observers.report(true);
        if (!exitReport) {
            exitReport = true;
            try {
                Runtime.getRuntime().addShutdownHook(new Thread(ConflictRecorder::printAtExit, "stm4j-conflict-report"));
            } catch (IllegalStateException | SecurityException shuttingDown) {
                // no report then
            }
        }
    }

    /** Set by the public API: how to print the report at exit. */
    private static volatile @Nullable Supplier<String> exitPrinter;

    /**
     * Installs what prints the report at JVM exit (the public API's formatter).
     *
     * @param printer returns the text to print
     */
    public static void exitPrinter(Supplier<String> printer) {
        exitPrinter = Objects.requireNonNull(printer);
    }

    private static void printAtExit() {
        Supplier<String> p = exitPrinter;
        if (p == null) {
            try {
                Class.forName("org.stm4j.Stm"); // its initializer installs the printer
            } catch (ClassNotFoundException e) {
                return;
            }
            p = exitPrinter;
        }
        if (p != null) {
            System.err.println(p.get());
            System.err.flush();
        }
    }

    static Row row(String site, @Nullable String winner, @Nullable String structure) {
        Key k = new Key(site, winner, structure);
        Row r = ROWS.get(k);
        if (r == null) {
            int g = GENERATION.get();
            r = ROWS.computeIfAbsent(k, key -> new Row(key.site, key.winner, key.structure, g));
        }
        return r;
    }

    /**
     * Whether {@code r} is still in the report (made since the last reset). A row made while a reset
     * runs may be judged stale though still in the map: the caller then looks it up again.
     */
    static boolean isCurrent(Row r) {
        return r.generation == GENERATION.get();
    }

    /**
     * The structure part {@code var} is (e.g. "TDict accounts, key 17"), else its name or identity.
     * A TVar's first description asks the registered structures (which may scan a collection: linear
     * in its size, once per TVar); later ones are a map look-up.
     */
    public static String describe(TVar<?> var) {
        String d = DESCRIPTIONS.get(var);
        if (d != null) {
            return d;
        }
        d = Structures.describe(var);
        if (d == null) {
            d = TVarNames.describe(var);
        }
        if (DESCRIPTIONS.size() >= MAX_DESCRIPTIONS) {
            DESCRIPTIONS.clear();
        }
        DESCRIPTIONS.put(var, d);
        return d;
    }

    /** A copy of every row. */
    public static List<RowSnapshot> snapshot() {
        List<RowSnapshot> out = new ArrayList<>(ROWS.size());
        for (Row r : ROWS.values()) {
            out.add(r.snapshot());
        }
        return out;
    }

    /** Forgets every row (the switch stays as it is). */
    public static void reset() {
        ROWS.clear();
        DESCRIPTIONS.clear();
        GENERATION.incrementAndGet(); // after the clear: a row made in between is kept but judged stale (looked up again)
    }

    private static final class Key {
        final String site;
        final @Nullable String winner;
        final @Nullable String structure;
        private final int hash;

        Key(String site, @Nullable String winner, @Nullable String structure) {
            this.site = site;
            this.winner = winner;
            this.structure = structure;
            this.hash = (site.hashCode() * 31 + Objects.hashCode(winner)) * 31 + Objects.hashCode(structure);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return hash == k.hash && site.equals(k.site) && Objects.equals(winner, k.winner)
                    && Objects.equals(structure, k.structure);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
