package org.stm4j.cm.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import org.stm4j.spi.ContentionManagers;

/**
 * The main job of the README: the transfer demo ({@link TransferDemo}), then the contention-manager
 * experiment ({@link Experiment}) — a table on standard output, a progress bar on standard error,
 * and CSV files, an SVG chart and {@code config.txt} in the output directory (default
 * {@code target/cm-experiment} under the working directory).
 *
 * <p>Usage: {@code Main [--option=value ...]}; {@code --help} lists the options ({@link CommandLine}).
 * Exit status: 0 on success; 1 if a cell failed (a workload invariant broke, a worker or a policy
 * threw) — the cells that finished are still printed and written, the failed ones marked — or the
 * results could not be written; 2 for bad arguments (including a contention-manager provider that
 * breaks the naming rules).
 *
 * <p>{@code config.txt} records what the run depended on: its first line is the command that
 * reproduces it (with {@code --policy-jar} when policies came from jars), then the stm4j version,
 * the JVM, the machine, and for each manager the provider class, the jar or directory it was loaded
 * from and that jar's SHA-256; then the arguments, one per line.
 */
public final class Main {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_ARGUMENTS = 2;
    /** The file the configuration is recorded in, in the output directory. */
    static final String CONFIG = "config.txt";
    /** How {@code config.txt}'s first line starts; the arguments follow inside {@code -Dexec.args="..."}. */
    static final String REPRODUCE = "# reproduce with: mvn -B -q -pl contention-managers/experiment exec:java -Dexec.args=";

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
            List<String> names;
            try {
                names = List.copyOf(ContentionManagers.knownNames());
            } catch (ServiceConfigurationError e) {
                names = List.of("(none: " + e.getMessage() + ")");
            }
            out.print(CommandLine.usage(names));
            return OK;
        }
        ExperimentConfig config;
        try {
            config = CommandLine.parse(args);
        } catch (CommandLine.UsageException | ServiceConfigurationError e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for the options");
            return BAD_ARGUMENTS;
        }
        if (config.demoTransfers() > 0) {
            TransferDemo.main(config.demoTransfers(), out);
            out.println();
        }
        String machine = Machine.describe();
        out.printf("contention-manager experiment: %d workloads x %d managers x threads %s = %d cells%s,"
                + " %d ms warm-up + %d ms measured each, seed %d%n", config.workloads().size(),
                config.managers().size(), config.threads(), config.cells(),
                config.repeat() == 1 ? "" : " x " + config.repeat() + " rounds", config.warmup().toMillis(),
                config.duration().toMillis(), config.seed());
        out.println("managers: " + String.join(", ", config.managers()));
        if (!config.policies().jars().isEmpty()) {
            out.println("policy jars: " + config.policies().jars());
        }
        out.println("machine: " + machine);
        out.flush();
        Experiment.Outcome outcome = Experiment.run(config, new ProgressBar(err, terminal));
        ResultTable.print(outcome.cells(), config.repeat(), out);
        try {
            Path dir = config.outDir().toAbsolutePath();
            List<Path> csv = CsvWriter.write(outcome.cells(), outcome.runs(), dir);
            Path chart = dir.resolve("chart.svg");
            SvgChart.writeCells(outcome.cells(), "stm4j contention managers: throughput and abort ratio by thread count"
                    + " (seed " + config.seed() + ", " + config.duration().toMillis() + " ms per cell"
                    + (config.repeat() == 1 ? "" : ", median and interval of " + config.repeat() + " rounds") + ")",
                    machine, chart);
            Path argsFile = dir.resolve(CONFIG);
            Files.writeString(argsFile, configText(config, machine), StandardCharsets.UTF_8);
            out.println();
            out.println("combined CSV:  " + csv.get(0));
            out.println("per workload:  " + dir.resolve("<workload>.csv") + " (" + (csv.size() - 2) + " files)");
            out.println("every round:   " + csv.get(csv.size() - 1));
            out.println("chart:         " + chart);
            out.println("configuration: " + argsFile);
        } catch (IOException e) {
            err.println("cannot write the results: " + e);
            return FAILED;
        }
        if (outcome.failed()) {
            err.println();
            err.println("EXPERIMENT FAILED: " + outcome.failures().size() + " cell run(s) failed; the cells that"
                    + " finished are in the table and the files, the failed ones are marked:");
            for (String f : outcome.failures()) {
                err.println("  " + f);
            }
            return FAILED;
        }
        return OK;
    }

    /** The text of {@code config.txt}. */
    static String configText(ExperimentConfig config, String machine) {
        List<String> args = config.toArgs();
        List<String> quoted = new ArrayList<>();
        for (String a : args) {
            quoted.add(quote(a));
        }
        StringBuilder sb = new StringBuilder();
        sb.append(REPRODUCE).append('"').append(String.join(" ", quoted)).append("\"\n");
        sb.append("# (from the repository root, after mvn -B -q install -DskipTests; the policy jars must be where"
                + " they were, with the checksums below)\n");
        sb.append("# stm4j ").append(version()).append('\n');
        sb.append("# JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (").append(System.getProperty("java.vendor"))
                .append("), ").append(System.getProperty("java.home")).append('\n');
        sb.append("# machine: ").append(machine).append('\n');
        for (String m : config.managers()) {
            sb.append("# ").append(config.policies().provenance(m)).append('\n');
        }
        sb.append(String.join("\n", args)).append('\n');
        return sb.toString();
    }

    /** An argument as {@code exec.args} reads it back: single-quoted if it holds a blank or a quote. */
    static String quote(String arg) {
        if (arg.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'')) {
            return arg;
        }
        return "'" + arg.replace("'", "\\'") + "'";
    }

    /**
     * The arguments of {@code config.txt}'s reproduce line (the inverse of its quoting).
     *
     * @throws IllegalArgumentException if the line is not a reproduce line
     */
    static List<String> reproduceArgs(String line) {
        if (!line.startsWith(REPRODUCE + "\"") || !line.endsWith("\"")) {
            throw new IllegalArgumentException("not a reproduce line: " + line);
        }
        String s = line.substring(REPRODUCE.length() + 1, line.length() - 1);
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                cur.append('\'');
                i++;
            } else if (c == '\'') {
                quoted = !quoted;
                any = true;
            } else if (!quoted && c == ' ') {
                if (any || cur.length() > 0) {
                    out.add(cur.toString());
                }
                cur.setLength(0);
                any = false;
            } else {
                cur.append(c);
            }
        }
        if (any || cur.length() > 0) {
            out.add(cur.toString());
        }
        return out;
    }

    /** The stm4j version this runner was built as (from the build's filtered {@code build.properties}). */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
