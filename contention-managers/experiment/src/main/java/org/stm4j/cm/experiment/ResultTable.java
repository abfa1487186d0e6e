package org.stm4j.cm.experiment;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Prints the results as one text table per workload, a row per manager and thread count.
 * Columns: commits per second; abort ratio; attempts per commit (mean, p99, max); commit latency in
 * microseconds (p50, p99, max); the slowest thread's share of the commits and that share relative to
 * a fair one (1.00 = fair); the longest starvation in milliseconds; escalations to irrevocable mode
 * and irrevocable commits.
 *
 * <p>With repeated rounds every figure is the median over the rounds, and commits per second and the
 * abort ratio are followed by their confidence interval {@code [low..high]} (see {@link Stats}; the
 * header says its confidence level). A cell that failed, or was skipped after its manager failed,
 * says so in place of its figures (or after them, if some rounds finished before the failure).
 */
final class ResultTable {
    private static final String HEADER = String.format(Locale.ROOT,
            "%-13s %3s %11s %7s %8s %5s %5s %9s %9s %10s %8s %5s %9s %7s %7s  %s",
            "manager", "thr", "commits/s", "abort%", "att.mean", "p99", "max", "lat.p50us", "lat.p99us", "lat.max.us",
            "slowest", "fair", "starve.ms", "escal.", "irrev.", "top conflict (share of aborts)");

    private ResultTable() {
    }

    /** Prints {@code results}, grouped by workload in the order they appear. */
    static void print(List<CellResult> results, PrintStream out) {
        String workload = null;
        for (CellResult r : results) {
            if (!r.workload().equals(workload)) {
                workload = r.workload();
                out.println();
                out.println("== " + workload);
                out.println(HEADER);
            }
            out.println(row(r));
        }
    }

    /** Prints the cells of an experiment of {@code repeat} rounds, grouped by workload. */
    static void print(List<CellSummary> cells, int repeat, PrintStream out) {
        if (repeat == 1) {
            printSingle(cells, out);
            return;
        }
        double coverage = Stats.coverage(repeat, Stats.rank(repeat));
        String header = String.format(Locale.ROOT,
                "%-13s %3s %11s %-25s %7s %-17s %8s %5s %5s %9s %9s %10s %8s %5s %9s %7s %7s  %s",
                "manager", "thr", "commits/s", "  [CI]", "abort%", "  [CI]", "att.mean", "p99", "max", "lat.p50us",
                "lat.p99us", "lat.max.us", "slowest", "fair", "starve.ms", "escal.", "irrev.",
                "top conflict, first round (share of aborts)");
        out.printf(Locale.ROOT, "%nmedians of %d rounds; [CI] = order-statistic confidence interval of the median,"
                + " confidence %.1f%%%n", repeat, 100 * coverage);
        String workload = null;
        for (CellSummary c : cells) {
            if (!c.workload().equals(workload)) {
                workload = c.workload();
                out.println();
                out.println("== " + workload);
                out.println(header);
            }
            if (!c.measured()) {
                out.println(String.format(Locale.ROOT, "%-13s %3d ", c.manager(), c.threads()) + failure(c));
                continue;
            }
            Stats.Estimate tput = c.estimate(CellResult::throughput);
            Stats.Estimate abort = c.estimate(r -> 100 * r.abortRatio());
            String line = String.format(Locale.ROOT,
                    "%-13s %3d %11.0f %-25s %6.2f%% %-17s %8.2f %5.0f %5.0f %9.1f %9.1f %10.1f %7.1f%% %5.2f %9.1f %7.0f %7.0f",
                    c.manager(), c.threads(), tput.median(),
                    String.format(Locale.ROOT, "[%.0f..%.0f]", tput.low(), tput.high()), abort.median(),
                    String.format(Locale.ROOT, "[%.2f..%.2f]", abort.low(), abort.high()),
                    c.median(CellResult::attemptsMean), c.median(CellResult::attemptsP99),
                    c.median(CellResult::attemptsMax), c.median(r -> r.latencyP50Nanos() / 1e3),
                    c.median(r -> r.latencyP99Nanos() / 1e3), c.median(r -> r.latencyMaxNanos() / 1e3),
                    c.median(r -> 100 * r.slowestThreadShare()), c.median(CellResult::fairness),
                    c.median(r -> r.longestStarvationNanos() / 1e6), c.median(CellResult::escalations),
                    c.median(CellResult::irrevocableCommits)) + "  " + topConflict(c.rounds().get(0));
            out.println(c.failed() ? line + "  (" + c.rounds().size() + " rounds; " + failure(c) + ")" : line);
        }
    }

    private static void printSingle(List<CellSummary> cells, PrintStream out) {
        String workload = null;
        for (CellSummary c : cells) {
            if (!c.workload().equals(workload)) {
                workload = c.workload();
                out.println();
                out.println("== " + workload);
                out.println(HEADER);
            }
            out.println(c.measured() ? row(c.rounds().get(0))
                    : String.format(Locale.ROOT, "%-13s %3d ", c.manager(), c.threads()) + failure(c));
        }
    }

    private static String failure(CellSummary c) {
        String f = c.failure();
        String shown = f.length() > 160 ? f.substring(0, 157) + "..." : f;
        return (f.startsWith("skipped") ? "" : "FAILED: ") + shown.replace('\n', ' ');
    }

    static String row(CellResult r) {
        return String.format(Locale.ROOT,
                "%-13s %3d %11.0f %6.2f%% %8.2f %5d %5d %9.1f %9.1f %10.1f %7.1f%% %5.2f %9.1f %7d %7d  %s",
                r.manager(), r.threads(), r.throughput(), 100 * r.abortRatio(), r.attemptsMean(), r.attemptsP99(),
                r.attemptsMax(), r.latencyP50Nanos() / 1e3, r.latencyP99Nanos() / 1e3, r.latencyMaxNanos() / 1e3,
                100 * r.slowestThreadShare(), r.fairness(), r.longestStarvationNanos() / 1e6, r.escalations(),
                r.irrevocableCommits(), topConflict(r));
    }

    /** The cell's top conflict, or "-" if nothing was rolled back by a conflict. */
    static String topConflict(CellResult r) {
        return r.topConflict() == null ? "-" : r.topConflict().toString();
    }
}
