package org.stm4j.cm.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.function.BiFunction;
import org.stm4j.Stm;
import org.stm4j.TxnConfig;
import org.stm4j.spi.ContentionManager;

/**
 * The experiment: every cell of workload × thread count × manager, in that nesting order (the
 * managers compared at one point run back to back, so a change in the machine's load between
 * them is as small as it can be), each on a freshly set-up workload and a fresh manager instance
 * (chosen per block through {@link TxnConfig}, so managers never leak into each other and nothing
 * process-wide is changed). After each cell the workload's invariant is verified.
 *
 * <p><b>Rounds.</b> With {@code --repeat=N} the whole grid runs N times, one round after the
 * other, and in round {@code r} the managers of each point run in their order rotated by
 * {@code r} places: a slow period of the machine, or a manager that leaves the JVM in a worse state
 * for the next one, falls on different managers in different rounds instead of on the same one
 * every time. Each workload's warm-up runs once, in the first round.
 *
 * <p><b>Failures.</b> A cell whose worker threw (a policy that throws, for example) or whose
 * invariant broke is recorded as failed with its message; the manager's remaining cells are
 * skipped (marked so), and every other cell still runs, so what was measured is kept.
 */
final class Experiment {

    /** Told about progress; called on the experiment's thread. */
    interface Listener {
        /** Cell run {@code index} (0-based) of {@code total} is about to run. */
        void starting(int index, int total, String workload, String manager, int threads);

        /** Every cell ran. */
        void finished();
    }

    /**
     * What an experiment produced.
     *
     * @param cells    every cell, in the order of the first round's grid (workload, threads, manager)
     * @param runs     every cell run that finished, in the order they ran (with their round)
     * @param failures the failure messages, in the order they happened
     */
    record Outcome(List<CellSummary> cells, List<Run> runs, List<String> failures) {
        /** Whether a cell failed. */
        boolean failed() {
            return !failures.isEmpty();
        }
    }

    /**
     * One measured cell run.
     *
     * @param round    the round, from 1
     * @param position its place among the managers of its point in this round, from 1
     * @param result   the measurement
     */
    record Run(int round, int position, CellResult result) {
    }

    private Experiment() {
    }

    /** Runs every cell of {@code config}, every round. */
    static Outcome run(ExperimentConfig config, Listener listener) {
        return run(config, listener, Workloads::create);
    }

    /**
     * Runs every cell of {@code config} with workloads made by {@code workloads} (tests pass a
     * deliberately broken one to see the experiment fail).
     */
    static Outcome run(ExperimentConfig config, Listener listener,
            BiFunction<String, WorkloadParams, Workload> workloads) {
        // every cell reports its top conflict (ResultTable, CsvWriter): on before any workload builds its
        // structures, so the report can name their keys and indexes
        Stm.setConflictReporting(true);
        Map<String, List<CellResult>> measured = new LinkedHashMap<>();
        Map<String, String> failedCells = new LinkedHashMap<>();
        Map<String, String> failedManagers = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (String w : config.workloads()) {
            for (int t : config.threads()) {
                for (String m : config.managers()) {
                    measured.put(key(w, m, t), new ArrayList<>());
                }
            }
        }
        int total = config.runs();
        int index = 0;
        int maxThreads = config.threads().stream().mapToInt(Integer::intValue).max().orElseThrow();
        List<String> managers = config.managers();
        for (int round = 0; round < config.repeat(); round++) {
            List<String> order = rotated(managers, round);
            for (String workloadName : config.workloads()) {
                if (round == 0) {
                    for (String manager : managers) {
                        try {
                            warmUp(config, workloads, workloadName, manager, maxThreads);
                        } catch (InvariantViolation | ExperimentFailure e) {
                            String message = workloadName + " / " + manager + " / " + maxThreads
                                    + " threads (warm-up): " + e.getMessage();
                            failures.add(message);
                            failedManagers.putIfAbsent(manager, message);
                        }
                    }
                }
                for (int threads : config.threads()) {
                    for (int p = 0; p < order.size(); p++) {
                        String manager = order.get(p);
                        listener.starting(index++, total, workloadName, manager, threads);
                        String key = key(workloadName, manager, threads);
                        String earlier = failedManagers.get(manager);
                        if (earlier != null) {
                            failedCells.putIfAbsent(key, "skipped: " + manager + " failed earlier (" + earlier + ")");
                            continue;
                        }
                        try {
                            CellResult r = runCell(config, workloads, workloadName, manager, threads);
                            measured.get(key).add(r);
                            runs.add(new Run(round + 1, p + 1, r));
                        } catch (InvariantViolation | ExperimentFailure e) {
                            String message = e.getMessage() + " (round " + (round + 1) + ")";
                            failures.add(message);
                            failedCells.put(key, message);
                            failedManagers.putIfAbsent(manager, message);
                        }
                    }
                }
            }
        }
        listener.finished();
        List<CellSummary> cells = new ArrayList<>();
        for (String w : config.workloads()) {
            for (int t : config.threads()) {
                for (String m : managers) {
                    String key = key(w, m, t);
                    cells.add(new CellSummary(w, m, t, measured.get(key), failedCells.get(key)));
                }
            }
        }
        return new Outcome(cells, runs, failures);
    }

    /** {@code managers} rotated left by {@code round} places. */
    static List<String> rotated(List<String> managers, int round) {
        List<String> out = new ArrayList<>(managers.size());
        for (int i = 0; i < managers.size(); i++) {
            out.add(managers.get((i + round) % managers.size()));
        }
        return out;
    }

    private static String key(String workload, String manager, int threads) {
        return workload + "\u0000" + manager + "\u0000" + threads;
    }

    /**
     * Runs the workload under {@code manager} once, unmeasured, for the cell warm-up time at the largest
     * thread count, so the code of the workload and of the manager's conflict paths is compiled before
     * the first measured cell of the workload (without it that cell measured up to 3x slower than the
     * same cell run later). The invariant is still checked.
     */
    private static void warmUp(ExperimentConfig config, BiFunction<String, WorkloadParams, Workload> workloads,
            String workloadName, String manager, int threads) {
        TxnConfig txnConfig = TxnConfig.builder().contentionManager(create(config, manager)).build();
        Duration half = config.warmup().dividedBy(2).isZero() ? config.warmup() : config.warmup().dividedBy(2);
        try (Workload workload = workloads.apply(workloadName, config.params())) {
            CellRunner.run(workload, manager, txnConfig, threads, config.seed(), half, half);
            workload.verify();
        } catch (InvariantViolation v) {
            throw named(v, workloadName + " / " + manager + " / " + threads + " threads (warm-up)");
        }
    }

    /** A new instance of {@code manager}; a provider that fails to create it fails the cell. */
    private static ContentionManager create(ExperimentConfig config, String manager) {
        try {
            return config.policies().create(manager);
        } catch (RuntimeException | ServiceConfigurationError e) {
            throw new ExperimentFailure("cannot create contention manager " + manager + ": " + e, e);
        }
    }

    private static InvariantViolation named(InvariantViolation v, String cell) {
        InvariantViolation named = new InvariantViolation("invariant broken in cell " + cell + ": " + v.getMessage());
        named.initCause(v);
        return named;
    }

    private static CellResult runCell(ExperimentConfig config, BiFunction<String, WorkloadParams, Workload> workloads,
            String workloadName, String manager, int threads) {
        TxnConfig txnConfig = TxnConfig.builder().contentionManager(create(config, manager)).build();
        try (Workload workload = workloads.apply(workloadName, config.params())) {
            CellResult result = CellRunner.run(workload, manager, txnConfig, threads, config.seed(),
                    config.warmup(), config.duration());
            workload.verify();
            return result;
        } catch (InvariantViolation v) {
            throw named(v, workloadName + " / " + manager + " / " + threads + " threads");
        }
    }
}
