package org.stm4j.cm.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.stm4j.TxnConfig;

/**
 * The experiment: every cell of workload × thread count × manager, in that nesting order (the
 * managers compared at one point run back to back, so a change in the machine's load between
 * them is as small as it can be), each on a freshly set-up workload and a fresh manager instance (chosen per block through {@link TxnConfig},
 * so managers never leak into each other and nothing process-wide is changed). After each cell the
 * workload's invariant is verified; a violation stops the experiment.
 */
final class Experiment {

    /** Told about progress; called on the experiment's thread. */
    interface Listener {
        /** Cell {@code index} (0-based) of {@code total} is about to run. */
        void starting(int index, int total, String workload, String manager, int threads);

        /** Every cell ran. */
        void finished();
    }

    private Experiment() {
    }

    /**
     * Runs every cell of {@code config}.
     *
     * @throws InvariantViolation if a workload's invariant broke (the message names the cell)
     * @throws ExperimentFailure  if a worker failed or never stopped
     */
    static List<CellResult> run(ExperimentConfig config, Listener listener) {
        return run(config, listener, Workloads::create);
    }

    /**
     * Runs every cell of {@code config} with workloads made by {@code workloads} (tests pass a
     * deliberately broken one to see the experiment fail).
     *
     * @throws InvariantViolation if a workload's invariant broke (the message names the cell)
     * @throws ExperimentFailure  if a worker failed or never stopped
     */
    static List<CellResult> run(ExperimentConfig config, Listener listener,
            BiFunction<String, WorkloadParams, Workload> workloads) {
        List<CellResult> results = new ArrayList<>();
        int total = config.cells();
        int index = 0;
        int maxThreads = config.threads().stream().mapToInt(Integer::intValue).max().orElseThrow();
        for (String workloadName : config.workloads()) {
            for (String manager : config.managers()) {
                warmUp(config, workloads, workloadName, manager, maxThreads);
            }
            for (int threads : config.threads()) {
                for (String manager : config.managers()) {
                    listener.starting(index++, total, workloadName, manager, threads);
                    results.add(runCell(config, workloads, workloadName, manager, threads));
                }
            }
        }
        listener.finished();
        return results;
    }

    /**
     * Runs the workload under {@code manager} once, unmeasured, for the cell warm-up time at the largest
     * thread count, so the code of the workload and of the manager's conflict paths is compiled before
     * the first measured cell of the workload (without it that cell measured up to 3x slower than the
     * same cell run later). The invariant is still checked.
     */
    private static void warmUp(ExperimentConfig config, BiFunction<String, WorkloadParams, Workload> workloads,
            String workloadName, String manager, int threads) {
        TxnConfig txnConfig = TxnConfig.builder().contentionManager(manager).build();
        Duration half = config.warmup().dividedBy(2).isZero() ? config.warmup() : config.warmup().dividedBy(2);
        try (Workload workload = workloads.apply(workloadName, config.params())) {
            CellRunner.run(workload, manager, txnConfig, threads, config.seed(), half, half);
            workload.verify();
        } catch (InvariantViolation v) {
            throw named(v, workloadName + " / " + manager + " / " + threads + " threads (warm-up)");
        }
    }

    private static InvariantViolation named(InvariantViolation v, String cell) {
        InvariantViolation named = new InvariantViolation("invariant broken in cell " + cell + ": " + v.getMessage());
        named.initCause(v);
        return named;
    }

    private static CellResult runCell(ExperimentConfig config, BiFunction<String, WorkloadParams, Workload> workloads,
            String workloadName, String manager, int threads) {
        TxnConfig txnConfig = TxnConfig.builder().contentionManager(manager).build();
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
