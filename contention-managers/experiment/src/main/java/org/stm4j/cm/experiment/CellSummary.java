package org.stm4j.cm.experiment;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One cell (workload × manager × thread count) over all rounds of an experiment: the rounds that
 * finished, in round order, and, if the cell failed, why. A cell that failed may still have
 * finished rounds (measured before the failure); a cell skipped because its manager failed
 * elsewhere has none.
 *
 * @param workload workload name
 * @param manager  contention-manager name
 * @param threads  worker threads
 * @param rounds   the measurements of the rounds that finished
 * @param failure  why the cell failed or was skipped, or {@code null} if every round finished
 */
record CellSummary(String workload, String manager, int threads, List<CellResult> rounds, String failure) {

    CellSummary {
        rounds = List.copyOf(rounds);
    }

    /** A cell measured once. */
    static CellSummary of(CellResult r) {
        return new CellSummary(r.workload(), r.manager(), r.threads(), List.of(r), null);
    }

    /** Whether the cell failed or was skipped. */
    boolean failed() {
        return failure != null;
    }

    /** Whether at least one round finished. */
    boolean measured() {
        return !rounds.isEmpty();
    }

    /**
     * The median of {@code metric} over the rounds, with its interval ({@link Stats}).
     *
     * @throws IllegalStateException if no round finished
     */
    Stats.Estimate estimate(ToDoubleFunction<CellResult> metric) {
        if (rounds.isEmpty()) {
            throw new IllegalStateException("cell " + workload + "/" + manager + "/" + threads + " has no measurement");
        }
        double[] v = new double[rounds.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = metric.applyAsDouble(rounds.get(i));
        }
        return Stats.estimate(v);
    }

    /** The median of {@code metric} over the rounds. */
    double median(ToDoubleFunction<CellResult> metric) {
        return estimate(metric).median();
    }
}
