package org.stm4j.cm.experiment;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Everything one experiment run depends on: which workloads, managers and thread counts form its
 * cells, how long each cell warms up and measures, the seed of every random choice, the workload
 * parameters and where the output goes. Immutable; built by {@link Builder} (from code or from the
 * command line) and passed to the runner, so several configurations can run in one JVM and nothing
 * is read from global state when a class initializes.
 *
 * <p>Unless set explicitly, the warm-up and measurement of each cell are derived from a total
 * {@linkplain Builder#budget(Duration) time budget} (default {@value #DEFAULT_BUDGET_SECONDS} s)
 * divided by the number of cells, so the default comparison takes a few minutes however many
 * managers are installed: three quarters of a cell's share measure (between 100 ms and 2 s), a
 * quarter warms up (between 50 ms and 500 ms).
 *
 * @param workloads     workload names, in run order
 * @param managers      contention-manager short names (lower case), in run order
 * @param threads       thread counts, in run order
 * @param warmup        warm-up of each cell (operations run, nothing recorded)
 * @param duration      measurement of each cell
 * @param seed          the seed every worker's random source derives from
 * @param outDir        the directory the CSV files and the chart are written to
 * @param params        sizes, rates and transaction lengths of the workloads
 * @param demoTransfers transfers per thread of the demo printed first; 0 skips it
 * @param repeat        rounds: each cell is measured this many times, in interleaved rounds
 * @param policies      where the managers come from (the class path plus any {@code --policy-jar})
 */
record ExperimentConfig(List<String> workloads, List<String> managers, List<Integer> threads, Duration warmup,
        Duration duration, long seed, Path outDir, WorkloadParams params, int demoTransfers, int repeat,
        Policies policies) {

    static final long DEFAULT_BUDGET_SECONDS = 180;
    static final long DEFAULT_SEED = 42;
    static final List<Integer> DEFAULT_THREADS = List.of(1, 2, 4, 8);
    static final int MAX_THREADS = 1024;
    static final int DEFAULT_DEMO_TRANSFERS = 200_000;
    static final int MAX_REPEAT = 1000;

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if a list is empty or holds duplicates, a thread count is out of
     *                                  1..{@value #MAX_THREADS}, a duration is not positive, or the
     *                                  demo size is negative, or {@code repeat} is out of
     *                                  1..{@value #MAX_REPEAT}
     * @throws NullPointerException     if a component is null
     */
    ExperimentConfig {
        workloads = distinct("workloads", workloads);
        managers = distinct("managers", managers);
        threads = distinct("threads", threads);
        for (int t : threads) {
            if (t < 1 || t > MAX_THREADS) {
                throw new IllegalArgumentException("thread counts must be in 1.." + MAX_THREADS + ", was " + t);
            }
        }
        positive("warmup", warmup);
        positive("duration", duration);
        Objects.requireNonNull(outDir, "outDir");
        Objects.requireNonNull(params, "params");
        if (demoTransfers < 0) {
            throw new IllegalArgumentException("demo-transfers must not be negative, was " + demoTransfers);
        }
        if (repeat < 1 || repeat > MAX_REPEAT) {
            throw new IllegalArgumentException("repeat must be in 1.." + MAX_REPEAT + ", was " + repeat);
        }
        Objects.requireNonNull(policies, "policies");
    }

    private static <T> List<T> distinct(String what, List<T> values) {
        Objects.requireNonNull(values, what);
        if (values.isEmpty()) {
            throw new IllegalArgumentException(what + ": at least one is needed");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException(what + ": duplicates in " + values);
        }
        return List.copyOf(values);
    }

    private static void positive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
    }

    /** The number of cells: workloads × managers × thread counts. */
    int cells() {
        return workloads.size() * managers.size() * threads.size();
    }

    /** The number of cell runs: cells × rounds. */
    int runs() {
        return cells() * repeat;
    }

    /** A builder with the seeded defaults: every workload, every installed manager, 1, 2, 4, 8 threads. */
    static Builder builder() {
        return new Builder();
    }

    /** The default configuration (what the README's main job runs). */
    static ExperimentConfig defaults() {
        return builder().build();
    }

    /** Command-line arguments that reproduce this configuration. */
    List<String> toArgs() {
        List<String> args = new ArrayList<>();
        args.add("--workloads=" + String.join(",", workloads));
        args.add("--managers=" + String.join(",", managers));
        args.add("--threads=" + String.join(",", threads.stream().map(String::valueOf).toList()));
        args.add("--warmup=" + warmup.toMillis() + "ms");
        args.add("--duration=" + duration.toMillis() + "ms");
        args.add("--seed=" + seed);
        args.add("--list-items=" + params.listItems());
        args.add("--accounts=" + params.accounts());
        args.add("--dict-keys=" + params.dictKeys());
        args.add("--read-percent=" + params.readPercent());
        args.add("--scan-keys=" + params.scanKeys());
        args.add("--scan-percent=" + params.scanPercent());
        args.add("--audit-percent=" + params.auditPercent());
        args.add("--io-percent=" + params.ioPercent());
        args.add("--txn-length=" + params.txnLength());
        args.add("--demo-transfers=" + demoTransfers);
        if (repeat != 1) {
            args.add("--repeat=" + repeat);
        }
        if (!policies.jars().isEmpty()) {
            args.add("--policy-jar=" + String.join(",", policies.jars().stream().map(Path::toString).toList()));
        }
        return args;
    }

    /** Builds an {@link ExperimentConfig}; every setter is optional. */
    static final class Builder {
        private List<String> workloads = Workloads.names();
        private List<String> managers;
        private List<Integer> threads = DEFAULT_THREADS;
        private Duration warmup;
        private Duration duration;
        private Duration budget = Duration.ofSeconds(DEFAULT_BUDGET_SECONDS);
        private long seed = DEFAULT_SEED;
        private Path outDir = Path.of("target", "cm-experiment");
        private WorkloadParams params = WorkloadParams.DEFAULTS;
        private int demoTransfers = DEFAULT_DEMO_TRANSFERS;
        private int repeat = 1;
        private List<Path> policyJars = List.of();

        private Builder() {
        }

        /**
         * @throws IllegalArgumentException if a name is not a known workload
         */
        Builder workloads(List<String> names) {
            List<String> known = Workloads.names();
            List<String> normalized = new ArrayList<>();
            for (String name : names) {
                String n = name.trim().toLowerCase(Locale.ROOT);
                if (!known.contains(n)) {
                    throw new IllegalArgumentException("unknown workload '" + name + "'; known: " + String.join(", ", known));
                }
                normalized.add(n);
            }
            this.workloads = normalized;
            return this;
        }

        /** Names are checked by {@link #build()}, against the class path and the policy jars. */
        Builder managers(List<String> names) {
            List<String> normalized = new ArrayList<>();
            for (String name : names) {
                normalized.add(name.trim().toLowerCase(Locale.ROOT));
            }
            this.managers = normalized;
            return this;
        }

        /** Jars whose contention-manager providers join those of the class path. */
        Builder policyJars(List<Path> jars) {
            this.policyJars = List.copyOf(jars);
            return this;
        }

        Builder repeat(int rounds) {
            this.repeat = rounds;
            return this;
        }

        Builder threads(List<Integer> counts) {
            this.threads = counts;
            return this;
        }

        Builder warmup(Duration d) {
            this.warmup = d;
            return this;
        }

        Builder duration(Duration d) {
            this.duration = d;
            return this;
        }

        /**
         * @throws IllegalArgumentException if {@code d} is not positive
         */
        Builder budget(Duration d) {
            positive("budget", d);
            this.budget = d;
            return this;
        }

        Builder seed(long s) {
            this.seed = s;
            return this;
        }

        Builder outDir(Path dir) {
            this.outDir = dir;
            return this;
        }

        Builder params(WorkloadParams p) {
            this.params = p;
            return this;
        }

        Builder demoTransfers(int n) {
            this.demoTransfers = n;
            return this;
        }

        /**
         * The configuration; managers default to every installed one, durations to the budget's share.
         *
         * @throws IllegalArgumentException if a value is invalid (see {@link ExperimentConfig}), a policy jar
         *                                  cannot be read, or a manager name is unknown (the message lists
         *                                  the known ones)
         * @throws java.util.ServiceConfigurationError if a provider breaks the naming rules of
         *                                  {@link org.stm4j.spi.ContentionManagers}
         */
        ExperimentConfig build() {
            Policies policies = Policies.of(policyJars);
            List<String> m = managers != null ? managers : List.copyOf(policies.knownNames());
            for (String name : m) {
                policies.require(name); // refuses an unknown name, listing the known ones
            }
            long cells = (long) Math.max(1, workloads.size()) * Math.max(1, m.size()) * Math.max(1, threads.size())
                    * Math.max(1, repeat);
            long shareMillis = budget.toMillis() / cells;
            Duration d = duration != null ? duration : Duration.ofMillis(clamp(shareMillis * 3 / 4, 100, 2_000));
            Duration w = warmup != null ? warmup : Duration.ofMillis(clamp(shareMillis / 4, 50, 500));
            return new ExperimentConfig(workloads, m, threads, w, d, seed, outDir, params, demoTransfers, repeat,
                    policies);
        }

        private static long clamp(long v, long min, long max) {
            return Math.max(min, Math.min(max, v));
        }
    }
}
