package org.stm4j;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.stm4j.internal.report.AbortCounts;
import org.stm4j.internal.report.RowSnapshot;

/**
 * Where transactions abort: a snapshot of the conflict report (see {@link Stm#conflicts()}).
 *
 * <p>While the report is on ({@code -Dstm4j.conflictReport=true}, or
 * {@link Stm#setConflictReporting(boolean)}), every rolled-back attempt of a block that started with
 * the report on is counted in one {@link Entry}, keyed by
 * <ul>
 *   <li>the aborted block's <b>site</b>: the first stack frame outside stm4j below the block's
 *       {@code atomic} (for a collection's operation run on its own, the frame that called it), as
 *       {@code com.example.Bank.transfer(Bank.java:42)};</li>
 *   <li>the <b>winner</b>'s site: the block that held the conflicting TVar's lock, or whose commit
 *       wrote the version that invalidated the read — where the engine knows it (else null). For a
 *       winner that was a collection's single operation called outside a block its caller is not known:
 *       it is named {@code "a collection operation outside a transaction"}, and a {@code TVar.set}
 *       outside a block {@code "a TVar write outside a transaction"};</li>
 *   <li>the <b>structure</b>: what the conflicting TVar is — {@code "TDict accounts, key 17"},
 *       {@code "TList inbox, index 3"}, {@code "TList inbox, size"} for a collection built while the
 *       report was on, else the TVar's name or {@code TVar@hash}; {@code "the irrevocability token"}
 *       for an attempt that could not become irrevocable because another block held the token; null
 *       for retries and exceptions, and for a conflict the engine cannot pin on one TVar).</li>
 * </ul>
 * Entries are sorted by time lost, largest first. Counts agree with {@link Stm#stats()}: summed over
 * the entries, {@link Entry#aborts(AbortCause)} equals the statistics' count for every cause over the
 * same interval (if the report was on for every block of it).
 */
public final class ConflictReport {
    private final List<Entry> entries;

    private ConflictReport(List<Entry> entries) {
        this.entries = entries;
    }

    static ConflictReport of(List<RowSnapshot> rows) {
        List<Entry> list = new ArrayList<>(rows.size());
        for (RowSnapshot r : rows) {
            list.add(new Entry(r));
        }
        Comparator<Entry> byLost = Comparator.comparingLong(Entry::timeLostNanos);
        Comparator<Entry> byAborts = Comparator.comparingLong(e -> e.aborts());
        list.sort(byLost.reversed().thenComparing(byAborts.reversed()).thenComparing(Entry::site));
        return new ConflictReport(Collections.unmodifiableList(list));
    }

    /**
     * The entries, largest time lost first.
     *
     * @return an unmodifiable list
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Conflict aborts in all entries (retries and exceptions not included).
     *
     * @return the sum of {@link Entry#aborts()}
     */
    public long aborts() {
        long sum = 0;
        for (Entry e : entries) {
            sum += e.aborts();
        }
        return sum;
    }

    /**
     * Rolled-back attempts of {@code cause} in all entries.
     *
     * @param cause the cause
     * @return the sum over the entries
     */
    public long aborts(AbortCause cause) {
        long sum = 0;
        for (Entry e : entries) {
            sum += e.aborts(cause);
        }
        return sum;
    }

    /**
     * Time spent in attempts that a conflict rolled back, in all entries.
     *
     * @return the total
     */
    public Duration timeLost() {
        long sum = 0;
        for (Entry e : entries) {
            sum += e.timeLostNanos();
        }
        return Duration.ofNanos(sum);
    }

    /**
     * The report as a table of its {@code top} largest entries by time lost.
     *
     * @param top how many entries to show (the rest are summed in one line)
     * @return the table, one entry per line
     * @throws IllegalArgumentException if {@code top} is negative
     */
    public String format(int top) {
        if (top < 0) {
            throw new IllegalArgumentException("top must not be negative: " + top);
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "stm4j conflict report: %,d conflict aborts, %s lost, %,d retries, in %d entr%s%n",
                aborts(), millis(timeLost().toNanos()), aborts(AbortCause.RETRY), entries.size(),
                entries.size() == 1 ? "y" : "ies"));
        if (entries.isEmpty()) {
            return b.toString();
        }
        int shown = Math.min(top, entries.size());
        int structureWidth = "structure".length();
        int siteWidth = "aborted block".length();
        for (int i = 0; i < shown; i++) {
            Entry e = entries.get(i);
            structureWidth = Math.max(structureWidth, text(e.structure()).length());
            siteWidth = Math.max(siteWidth, e.site().length());
        }
        String row = "%12s %10s %10s %8s %7s  %-" + structureWidth + "s  %-" + siteWidth + "s  %s%n";
        b.append(String.format(Locale.ROOT, row, "time lost", "aborts", "attempts", "retries", "irrev.", "structure",
                "aborted block", "winner"));
        for (int i = 0; i < shown; i++) {
            Entry e = entries.get(i);
            b.append(String.format(Locale.ROOT, row, millis(e.timeLostNanos()), String.format(Locale.ROOT, "%,d", e.aborts()),
                    String.format(Locale.ROOT, "%,d", e.attempts()), String.format(Locale.ROOT, "%,d", e.retries()),
                    String.format(Locale.ROOT, "%,d", e.irrevocableEscalations()), text(e.structure()), e.site(),
                    text(e.winnerSite())));
        }
        if (shown < entries.size()) {
            long rest = 0;
            long restNanos = 0;
            for (int i = shown; i < entries.size(); i++) {
                rest += entries.get(i).aborts();
                restNanos += entries.get(i).timeLostNanos();
            }
            b.append(String.format(Locale.ROOT, "%12s %10s  (%d more entries)%n", millis(restNanos),
                    String.format(Locale.ROOT, "%,d", rest), entries.size() - shown));
        }
        return b.toString();
    }

    private static String text(@Nullable String s) {
        return s == null ? "-" : s;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** The twenty largest entries as a table ({@link #format(int)}). */
    @Override
    public String toString() {
        return format(20);
    }

    /** The aborts of one (site, winner, structure). */
    public static final class Entry {
        private final RowSnapshot row;

        private Entry(RowSnapshot row) {
            this.row = row;
        }

        /**
         * The aborted block's call site, e.g. {@code com.example.Bank.transfer(Bank.java:42)}.
         *
         * @return the site, {@code "unknown"} if no frame outside stm4j was found
         */
        public String site() {
            return row.site;
        }

        /**
         * The call site of the block that won the conflict.
         *
         * @return the site, or null where the engine does not know it (and for retries and exceptions)
         */
        public @Nullable String winnerSite() {
            return row.winner;
        }

        /**
         * What the conflicting TVar is: its structure and part, else its name or identity.
         *
         * @return the description, or null for retries, exceptions and conflicts not pinned on one TVar
         */
        public @Nullable String structure() {
            return row.structure;
        }

        /**
         * Conflict aborts (every cause but {@link AbortCause#RETRY} and {@link AbortCause#EXCEPTION}).
         *
         * @return the count
         */
        public long aborts() {
            AbortCounts a = row.aborts;
            return a.total() - a.of(AbortCause.RETRY) - a.of(AbortCause.EXCEPTION);
        }

        /**
         * Rolled-back attempts of {@code cause}.
         *
         * @param cause the cause
         * @return the count
         */
        public long aborts(AbortCause cause) {
            return row.aborts.of(cause);
        }

        /**
         * Rolled-back attempts by cause, every cause present.
         *
         * @return a new map
         */
        public Map<AbortCause, Long> abortsByCause() {
            return row.aborts.asMap();
        }

        /**
         * {@link Stm#retry()} waits ({@code aborts(AbortCause.RETRY)}).
         *
         * @return the count
         */
        public long retries() {
            return row.aborts.of(AbortCause.RETRY);
        }

        /**
         * The attempts of the blocks counted here, from start to commit (or until they gave up),
         * counted once per block when it ends; {@code aborts() / attempts()} is the share of those
         * blocks' attempts this entry wasted.
         *
         * @return the count (0 while every such block is still running)
         */
        public long attempts() {
            return row.attempts;
        }

        /**
         * Time spent in the attempts counted here that a conflict rolled back (from an attempt's start
         * to its abort; retry waits excluded). Attempts after a block's first are timed exactly; a
         * block's first attempt is not timed (that would cost every block two clock reads), so its
         * loss is estimated by the duration of the attempt that follows it — the same code over nearly
         * the same data.
         *
         * @return the time lost
         */
        public Duration timeLost() {
            return Duration.ofNanos(row.lostNanos);
        }

        /**
         * {@link #timeLost()} in nanoseconds.
         *
         * @return the time lost
         */
        public long timeLostNanos() {
            return row.lostNanos;
        }

        /**
         * How many times one of these aborts made its block run its next attempt irrevocably (by the
         * contention manager's choice or its attempt limit).
         *
         * @return the count
         */
        public long irrevocableEscalations() {
            return row.escalations;
        }

        @Override
        public String toString() {
            return "Entry[" + site() + " lost to " + text(winnerSite()) + " on " + text(structure()) + ": " + aborts()
                    + " aborts in " + attempts() + " attempts, " + millis(timeLostNanos()) + " lost, " + retries()
                    + " retries, " + irrevocableEscalations() + " escalations]";
        }
    }
}
