package org.stm4j.cm.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.stm4j.spi.ContentionManagers;

/**
 * The main job of the README: the transfer demo ({@link TransferDemo}), then the contention-manager
 * experiment ({@link Experiment}) — a table on standard output, a progress bar on standard error,
 * and CSV files plus an SVG chart in the output directory (default {@code target/cm-experiment}
 * under the working directory).
 *
 * <p>Usage: {@code Main [--option=value ...]}; {@code --help} lists the options ({@link CommandLine}).
 * Exit status: 0 on success, 1 if a workload invariant broke or a worker failed, 2 for bad arguments.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;

    private Main() {
    }

    /**
     * Runs the demo and the experiment.
     *
     * @param args the command line; see {@code --help}
     * @throws InterruptedException if interrupted while the demo runs
     */
    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err, System.console() != null);
        if (status != OK) {
            System.exit(status);
        }
    }

    /** Runs everything, printing to {@code out} and {@code err}; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) throws InterruptedException {
        if (CommandLine.wantsHelp(args)) {
            out.print(CommandLine.usage(List.copyOf(ContentionManagers.knownNames())));
            return OK;
        }
        ExperimentConfig config;
        try {
            config = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for the options");
            return BAD_ARGUMENTS;
        }
        if (config.demoTransfers() > 0) {
            TransferDemo.main(config.demoTransfers(), out);
            out.println();
        }
        String machine = Machine.describe();
        out.printf("contention-manager experiment: %d workloads x %d managers x threads %s = %d cells,"
                + " %d ms warm-up + %d ms measured each, seed %d%n", config.workloads().size(),
                config.managers().size(), config.threads(), config.cells(), config.warmup().toMillis(),
                config.duration().toMillis(), config.seed());
        out.println("managers: " + String.join(", ", config.managers()));
        out.println("machine: " + machine);
        out.flush();
        List<CellResult> results;
        try {
            results = Experiment.run(config, new ProgressBar(err, terminal));
        } catch (InvariantViolation | ExperimentFailure e) {
            err.println();
            err.println("EXPERIMENT FAILED: " + e.getMessage());
            return FAILED;
        }
        ResultTable.print(results, out);
        try {
            Path dir = config.outDir().toAbsolutePath();
            List<Path> csv = CsvWriter.write(results, dir);
            Path chart = dir.resolve("chart.svg");
            SvgChart.write(results, "stm4j contention managers: throughput and abort ratio by thread count (seed "
                    + config.seed() + ", " + config.duration().toMillis() + " ms per cell)", machine, chart);
            Path argsFile = dir.resolve("config.txt");
            Files.writeString(argsFile, "# reproduce with: mvn -B -q -pl contention-managers exec:java -Dexec.args=\""
                    + String.join(" ", config.toArgs()) + "\"\n# " + machine + "\n" + String.join("\n", config.toArgs())
                    + "\n", StandardCharsets.UTF_8);
            out.println();
            out.println("combined CSV:  " + csv.get(0));
            out.println("per workload:  " + dir.resolve("<workload>.csv") + " (" + (csv.size() - 1) + " files)");
            out.println("chart:         " + chart);
            out.println("configuration: " + argsFile);
        } catch (IOException e) {
            err.println("cannot write the results: " + e);
            return FAILED;
        }
        return OK;
    }
}
