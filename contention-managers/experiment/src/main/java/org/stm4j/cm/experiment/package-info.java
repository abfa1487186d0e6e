/**
 * The contention-manager experiment runner and the transfer demo: the README's main job
 * ({@link org.stm4j.cm.experiment.Main}). Not exported: a tool, not API.
 *
 * <h2>What it measures</h2>
 * Every cell of workload × manager × thread count runs on freshly set-up data with a fresh
 * manager instance selected per block through {@code TxnConfig} (nothing process-wide is changed,
 * so all managers run in one JVM). One platform thread per worker runs operations — one atomic
 * block each — through a warm-up and then a measurement phase.
 *
 * <h2>How, without disturbing what is measured</h2>
 * <ul>
 *   <li>Each worker owns a {@code Probe}: plain counters and two preallocated log-linear
 *       histograms (commit latency, attempts per commit). Nothing shared is written in the
 *       measured loop; the coordinator merges the probes after joining the threads.</li>
 *   <li>Attempts are counted where they happen: the first statement of every block body counts
 *       one, so a re-run attempt counts again whatever the manager or engine did. An attempt that
 *       starts irrevocable is an escalation; one that ends irrevocable an irrevocable commit.</li>
 *   <li>Commit latency runs from the start of the operation (before its first attempt) to the
 *       return of its block, backoff and retries included. Starvation is the longest gap between
 *       two commits of one thread (or between the last commit and the end of the cell).</li>
 *   <li>Random choices come from a per-thread {@code SplittableRandom} seeded from the
 *       experiment seed, the workload, the thread count and the thread index — not the manager,
 *       so every manager faces the same operation sequences — and are drawn before the block
 *       starts, so a re-run attempt repeats the same operation.</li>
 *   <li>After each cell the workload's invariant is checked (money conserved, no lost increment,
 *       no lost or duplicated list item, each irrevocable I/O exactly once and in order). A
 *       violation, or a worker that threw (a policy that throws), marks the cell failed and skips the
 *       failing manager's remaining cells; everything else still runs and is written, and the run
 *       exits with status 1.</li>
 *   <li>With {@code --repeat=N} the whole grid runs N times in interleaved rounds (the managers'
 *       order at each point rotated by one per round); every figure is then the median of the
 *       rounds, with an order-statistic confidence interval ({@code Stats}).</li>
 *   <li>Managers come from the providers on the class path and in the jars of {@code --policy-jar}
 *       ({@code Policies}).</li>
 * </ul>
 *
 * <h2>Output</h2>
 * A table per workload on standard output, a progress bar on standard error, and in the output
 * directory {@code results.csv}, one {@code <workload>.csv} each (a row per cell: medians,
 * status, intervals), {@code rounds.csv} (a row per measured cell run), {@code chart.svg} (medians
 * with error bars) and {@code config.txt} (the command that reproduces the run, the stm4j version,
 * the JVM, and each manager's provider class, jar and SHA-256).
 */
package org.stm4j.cm.experiment;
