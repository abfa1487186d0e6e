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

/**
 * Writes results as CSV (RFC 4180: comma-separated, a header row, fields quoted when they contain a
 * comma, quote or line break, CRLF-free {@code \n} line ends): one file per workload and a combined
 * {@code results.csv}. Numbers use a dot as decimal separator whatever the locale; times are in the
 * unit their column names.
 */
final class CsvWriter {
    static final List<String> COLUMNS = List.of("workload", "manager", "threads", "measured_ms", "commits",
            "attempts", "aborts", "commits_per_s", "abort_ratio", "attempts_mean", "attempts_p99", "attempts_max",
            "latency_p50_us", "latency_p99_us", "latency_max_us", "slowest_thread_share", "fairness",
            "longest_starvation_ms", "escalations", "irrevocable_commits");

    static final String COMBINED = "results.csv";

    private CsvWriter() {
    }

    /**
     * Writes {@code <workload>.csv} for each workload and {@value #COMBINED} into {@code dir}
     * (created if missing).
     *
     * @return the files written, the combined one first
     * @throws IOException if a file cannot be written
     */
    static List<Path> write(List<CellResult> results, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        Path combined = dir.resolve(COMBINED);
        writeFile(combined, results);
        written.add(combined);
        Map<String, List<CellResult>> byWorkload = new LinkedHashMap<>();
        for (CellResult r : results) {
            byWorkload.computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<CellResult>> e : byWorkload.entrySet()) {
            Path file = dir.resolve(e.getKey() + ".csv");
            writeFile(file, e.getValue());
            written.add(file);
        }
        return written;
    }

    private static void writeFile(Path file, List<CellResult> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(line(COLUMNS));
            for (CellResult r : rows) {
                w.write(line(fields(r)));
            }
        }
    }

    static List<String> fields(CellResult r) {
        return List.of(r.workload(), r.manager(), Integer.toString(r.threads()), num(r.measuredNanos() / 1e6),
                Long.toString(r.commits()), Long.toString(r.attempts()), Long.toString(r.aborts()), num(r.throughput()),
                num(r.abortRatio()), num(r.attemptsMean()), Long.toString(r.attemptsP99()),
                Long.toString(r.attemptsMax()), num(r.latencyP50Nanos() / 1e3), num(r.latencyP99Nanos() / 1e3),
                num(r.latencyMaxNanos() / 1e3), num(r.slowestThreadShare()), num(r.fairness()),
                num(r.longestStarvationNanos() / 1e6), Long.toString(r.escalations()),
                Long.toString(r.irrevocableCommits()));
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
