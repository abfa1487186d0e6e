package org.stm4j.cm.experiment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Writes results as CSV (RFC 4180: comma-separated, a header row, fields quoted when they contain a
 * comma, quote or line break, CRLF-free {@code \n} line ends): one file per workload and a combined
 * {@code results.csv}, a row per cell; and {@code rounds.csv}, a row per measured cell run with its
 * round. Numbers use a dot as decimal separator whatever the locale; times are in the unit their
 * column names.
 *
 * <p>In the per-cell files each metric is the median over the cell's rounds (the value itself when
 * there is one round); {@code rounds} says how many rounds finished, {@code status} is {@code ok},
 * {@code failed} or {@code skipped} (with the reason in {@code error}), {@code ci_confidence} is the
 * confidence level of the intervals, and each metric {@code m} has its interval in {@code m_ci_low}
 * and {@code m_ci_high} ({@link Stats}; equal to the value with one round). A cell without any
 * finished round has empty metric fields.
 */
final class CsvWriter {
    /** A metric column: its name, its value, whether it is a count. */
    private record Metric(String name, ToDoubleFunction<CellResult> value, boolean integer) {
    }

    private static final List<Metric> METRICS = List.of(
            new Metric("measured_ms", r -> r.measuredNanos() / 1e6, false),
            new Metric("commits", r -> r.commits(), true),
            new Metric("attempts", r -> r.attempts(), true),
            new Metric("aborts", r -> r.aborts(), true),
            new Metric("commits_per_s", CellResult::throughput, false),
            new Metric("abort_ratio", CellResult::abortRatio, false),
            new Metric("attempts_mean", CellResult::attemptsMean, false),
            new Metric("attempts_p99", r -> r.attemptsP99(), true),
            new Metric("attempts_max", r -> r.attemptsMax(), true),
            new Metric("latency_p50_us", r -> r.latencyP50Nanos() / 1e3, false),
            new Metric("latency_p99_us", r -> r.latencyP99Nanos() / 1e3, false),
            new Metric("latency_max_us", r -> r.latencyMaxNanos() / 1e3, false),
            new Metric("slowest_thread_share", CellResult::slowestThreadShare, false),
            new Metric("fairness", CellResult::fairness, false),
            new Metric("longest_starvation_ms", r -> r.longestStarvationNanos() / 1e6, false),
            new Metric("escalations", r -> r.escalations(), true),
            new Metric("irrevocable_commits", r -> r.irrevocableCommits(), true));

    /** The top conflict of a cell (its first round's, in the per-cell files): where and on what, and its share. */
    private static final List<String> TOP_CONFLICT_COLUMNS = List.of("top_conflict_site", "top_conflict_structure",
            "top_conflict_abort_share");

    static final List<String> COLUMNS = columns();

    /** The columns of {@value #ROUNDS}. */
    static final List<String> ROUND_COLUMNS = roundColumns();

    static final String COMBINED = "results.csv";
    static final String ROUNDS = "rounds.csv";

    private CsvWriter() {
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>(List.of("workload", "manager", "threads"));
        METRICS.forEach(m -> c.add(m.name()));
        c.addAll(List.of("rounds", "status", "error", "ci_confidence"));
        for (Metric m : METRICS) {
            c.add(m.name() + "_ci_low");
            c.add(m.name() + "_ci_high");
        }
        c.addAll(TOP_CONFLICT_COLUMNS);
        return List.copyOf(c);
    }

    private static List<String> roundColumns() {
        List<String> c = new ArrayList<>(List.of("round", "position", "workload", "manager", "threads"));
        METRICS.forEach(m -> c.add(m.name()));
        c.addAll(TOP_CONFLICT_COLUMNS);
        return List.copyOf(c);
    }

    /**
     * Writes single-round results ({@link #write(List, List, Path)} with one round per cell).
     *
     * @return the files written, the combined one first
     * @throws IOException if a file cannot be written
     */
    static List<Path> write(List<CellResult> results, Path dir) throws IOException {
        List<CellSummary> cells = new ArrayList<>();
        List<Experiment.Run> runs = new ArrayList<>();
        for (CellResult r : results) {
            cells.add(CellSummary.of(r));
            runs.add(new Experiment.Run(1, runs.size() + 1, r));
        }
        return write(cells, runs, dir);
    }

    /**
     * Writes {@code <workload>.csv} for each workload, {@value #COMBINED} and {@value #ROUNDS} into
     * {@code dir} (created if missing).
     *
     * @return the files written: the combined one first, then one per workload, then the rounds
     * @throws IOException if a file cannot be written
     */
    static List<Path> write(List<CellSummary> cells, List<Experiment.Run> runs, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path combined = dir.resolve(COMBINED);
        writeFile(combined, cells);
        written.add(combined);
        Map<String, List<CellSummary>> byWorkload = new LinkedHashMap<>();
        for (CellSummary c : cells) {
            byWorkload.computeIfAbsent(c.workload(), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<CellSummary>> e : byWorkload.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".csv");
            writeFile(file, e.getValue());
            written.add(file);
        }
        Path rounds = dir.resolve(ROUNDS);
        try (Writer w = Files.newBufferedWriter(rounds, StandardCharsets.UTF_8)) {
            w.write(line(ROUND_COLUMNS));
            for (Experiment.Run run : runs) {
                CellResult r = run.result();
                List<String> f = new ArrayList<>(List.of(Integer.toString(run.round()), Integer.toString(run.position()),
                        r.workload(), r.manager(), Integer.toString(r.threads())));
                for (Metric m : METRICS) {
                    f.add(format(m, m.value().applyAsDouble(r)));
                }
                f.addAll(topConflict(r));
                w.write(line(f));
            }
        }
        written.add(rounds);
        return written;
    }

    private static void writeFile(Path file, List<CellSummary> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(line(COLUMNS));
            for (CellSummary c : rows) {
                w.write(line(fields(c)));
            }
        }
    }

    static List<String> fields(CellResult r) {
        return fields(CellSummary.of(r));
    }

    static List<String> fields(CellSummary c) {
        List<String> f = new ArrayList<>(List.of(c.workload(), c.manager(), Integer.toString(c.threads())));
        List<Stats.Estimate> estimates = new ArrayList<>();
        for (Metric m : METRICS) {
            Stats.Estimate e = c.measured() ? c.estimate(m.value()) : null;
            estimates.add(e);
            f.add(e == null ? "" : format(m, e.median()));
        }
        String status = c.failure() == null ? "ok" : c.failure().startsWith("skipped") ? "skipped" : "failed";
        f.add(Integer.toString(c.rounds().size()));
        f.add(status);
        f.add(c.failure() == null ? "" : c.failure());
        f.add(c.measured() ? num(Stats.coverage(c.rounds().size(), Stats.rank(c.rounds().size()))) : "");
        for (int i = 0; i < METRICS.size(); i++) {
            Stats.Estimate e = estimates.get(i);
            f.add(e == null ? "" : format(METRICS.get(i), e.low()));
            f.add(e == null ? "" : format(METRICS.get(i), e.high()));
        }
        f.addAll(c.measured() ? topConflict(c.rounds().get(0)) : List.of("", "", ""));
        return f;
    }

    private static List<String> topConflict(CellResult r) {
        CellResult.TopConflict t = r.topConflict();
        return t == null ? List.of("", "", "") : List.of(t.site(), t.structure(), num(t.abortShare()));
    }

    private static String format(Metric m, double v) {
        if (m.integer() && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        return num(v);
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    static String line(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(escape(fields.get(i)));
        }
        return sb.append('\n').toString();
    }

    static String escape(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
