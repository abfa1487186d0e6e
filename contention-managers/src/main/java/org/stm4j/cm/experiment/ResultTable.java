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
 */
final class ResultTable {
    private static final String HEADER = String.format(Locale.ROOT,
            "%-13s %3s %11s %7s %8s %5s %5s %9s %9s %10s %8s %5s %9s %7s %7s",
            "manager", "thr", "commits/s", "abort%", "att.mean", "p99", "max", "lat.p50us", "lat.p99us", "lat.max.us",
            "slowest", "fair", "starve.ms", "escal.", "irrev.");

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

    static String row(CellResult r) {
        return String.format(Locale.ROOT,
                "%-13s %3d %11.0f %6.2f%% %8.2f %5d %5d %9.1f %9.1f %10.1f %7.1f%% %5.2f %9.1f %7d %7d",
                r.manager(), r.threads(), r.throughput(), 100 * r.abortRatio(), r.attemptsMean(), r.attemptsP99(),
                r.attemptsMax(), r.latencyP50Nanos() / 1e3, r.latencyP99Nanos() / 1e3, r.latencyMaxNanos() / 1e3,
                100 * r.slowestThreadShare(), r.fairness(), r.longestStarvationNanos() / 1e6, r.escalations(),
                r.irrevocableCommits());
    }
}
