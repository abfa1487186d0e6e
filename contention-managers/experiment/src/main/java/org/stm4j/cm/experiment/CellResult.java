package org.stm4j.cm.experiment;

/**
 * The measurements of one cell (one workload under one manager at one thread count), summed or
 * merged over its threads.
 *
 * @param workload              workload name
 * @param manager               contention-manager name
 * @param threads               worker threads
 * @param measuredNanos         length of the measurement
 * @param commits               committed operations (atomic blocks)
 * @param attempts              attempts, counted where each body starts; {@code attempts - commits} aborted
 * @param attemptsMean          attempts per commit, mean
 * @param attemptsP99           attempts per commit, 99th percentile
 * @param attemptsMax           attempts per commit, maximum
 * @param latencyP50Nanos       commit latency (operation start to commit, retries included), median
 * @param latencyP99Nanos       commit latency, 99th percentile
 * @param latencyMaxNanos       commit latency, maximum
 * @param slowestThreadShare    the fewest commits of any thread divided by all commits (1/threads is fair)
 * @param longestStarvationNanos the longest time any thread went without committing
 * @param escalations           attempts that started irrevocable (engine escalation, or a restart after a
 *                              failed {@code becomeIrrevocable})
 * @param irrevocableCommits    commits whose attempt ended irrevocable (escalated or requested)
 * @param topConflict           the conflict-report entry that lost the most time in the measurement, or
 *                              {@code null} if no attempt was rolled back by a conflict
 */
record CellResult(String workload, String manager, int threads, long measuredNanos, long commits, long attempts,
        double attemptsMean, long attemptsP99, long attemptsMax, long latencyP50Nanos, long latencyP99Nanos,
        long latencyMaxNanos, double slowestThreadShare, long longestStarvationNanos, long escalations,
        long irrevocableCommits, TopConflict topConflict) {

    /**
     * The cell's top conflict (stm4j's conflict report, {@code Stm.conflicts()}, over the measurement).
     *
     * @param site       the aborted block's call site, shortened to {@code File.java:line}
     * @param structure  the conflicting structure part or TVar ({@code "TDict counters, key 3"}), or
     *                   {@code "-"} if not pinned on one
     * @param abortShare this entry's share of the cell's conflict aborts
     */
    record TopConflict(String site, String structure, double abortShare) {

        /** The top entry of {@code report}, or null if it has no conflict abort. */
        static TopConflict of(org.stm4j.ConflictReport report) {
            long all = report.aborts();
            for (org.stm4j.ConflictReport.Entry e : report.entries()) {
                if (e.aborts() > 0) {
                    return new TopConflict(shortSite(e.site()), e.structure() == null ? "-" : e.structure(),
                            (double) e.aborts() / all);
                }
            }
            return null;
        }

        /** {@code pkg.Class.method(File.java:12)} to {@code File.java:12}. */
        static String shortSite(String site) {
            int open = site.lastIndexOf('(');
            return open >= 0 && site.endsWith(")") ? site.substring(open + 1, site.length() - 1) : site;
        }

        @Override
        public String toString() {
            double percent = 100 * abortShare;
            return String.format(java.util.Locale.ROOT, percent >= 10 ? "%s @ %s (%.0f%%)" : "%s @ %s (%.1f%%)",
                    structure, site, percent);
        }
    }

    /** Aborted attempts. */
    long aborts() {
        return attempts - commits;
    }

    /** Commits per second. */
    double throughput() {
        return measuredNanos == 0 ? 0 : commits * 1e9 / measuredNanos;
    }

    /** Aborted attempts divided by all attempts (0 when nothing ran). */
    double abortRatio() {
        return attempts == 0 ? 0 : (double) aborts() / attempts;
    }

    /** The slowest thread's share relative to a fair share: 1 is perfectly fair, 0 is a starved thread. */
    double fairness() {
        return slowestThreadShare * threads;
    }
}
