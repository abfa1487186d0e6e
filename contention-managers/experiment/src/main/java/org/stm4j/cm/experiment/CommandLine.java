package org.stm4j.cm.experiment;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code --name=value} arguments into an {@link ExperimentConfig}. Every option is optional;
 * an unknown option, a repeated one, or a value that does not parse is refused with a
 * {@link UsageException} naming it. See {@link #USAGE}.
 */
final class CommandLine {

    static final String USAGE = """
            usage: Main [--option=value ...]
            Runs the transfer demo, then the contention-manager experiment: every workload x manager x
            thread count is one cell, warmed up and then measured; prints a table and writes CSV files and
            an SVG chart.

              --workloads=A,B,...   workloads (default: all): %s
              --managers=A,B,...    contention managers (default: all installed): %s
              --threads=1,2,4,8     thread counts (default 1,2,4,8; more than the cores is allowed)
              --duration=TIME       measurement per cell, e.g. 300ms, 2s (default: from --budget)
              --warmup=TIME         warm-up per cell (default: from --budget)
              --budget=TIME         total time to share among the cells when --duration/--warmup are
                                    not given (default %ds): 3/4 measure (100ms..2s), 1/4 warm up (50..500ms)
              --repeat=N            measure every cell N times, in N interleaved rounds (the managers'
                                    order rotated each round); the table and CSV show the median and a
                                    confidence interval (default 1; --budget is shared by all rounds)
              --policy-jar=J1,J2    jars whose contention-manager providers (META-INF/services) join
                                    those of the class path; recorded in config.txt
              --seed=N              seed of every worker's random source (default %d)
              --out=DIR             output directory (default target/cm-experiment)
              --demo-transfers=N    transfers per thread in the demo printed first; 0 skips it (default %d)
              --list-items=N        list-transfer: items in circulation (default %d)
              --accounts=N          bank, irrevocable-io: accounts (default %d)
              --dict-keys=N         read-mostly: keys (default %d)
              --read-percent=P      read-mostly: read-only operations (default %d)
              --scan-keys=N         long-scan: accounts, the length of a scan (default %d)
              --scan-percent=P      long-scan: scans among the operations (default %d)
              --audit-percent=P     bank: audits among the operations (default %d)
              --io-percent=P        irrevocable-io: irrevocable log writes among the operations (default %d)
              --txn-length=N        updates per transaction in every workload (default %d)
              --help                this text
            TIME is a number with a unit: ms, s or m. Bad arguments exit with status 2.
            """;

    private static final Pattern TIME = Pattern.compile("(\\d{1,9})(ms|s|m)");

    /** An argument that cannot be used; its message says which and why. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private CommandLine() {
    }

    /** The usage text with today's names and defaults filled in. */
    static String usage(List<String> installedManagers) {
        WorkloadParams p = WorkloadParams.DEFAULTS;
        return USAGE.formatted(String.join(",", Workloads.names()), String.join(",", installedManagers),
                ExperimentConfig.DEFAULT_BUDGET_SECONDS, ExperimentConfig.DEFAULT_SEED,
                ExperimentConfig.DEFAULT_DEMO_TRANSFERS, p.listItems(), p.accounts(), p.dictKeys(), p.readPercent(),
                p.scanKeys(), p.scanPercent(), p.auditPercent(), p.ioPercent(), p.txnLength());
    }

    /** Whether the arguments ask for the usage text. */
    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Parses the arguments.
     *
     * @throws UsageException if an argument is unknown, repeated, malformed or out of range
     */
    static ExperimentConfig parse(String[] args) throws UsageException {
        ExperimentConfig.Builder b = ExperimentConfig.builder();
        WorkloadParams d = WorkloadParams.DEFAULTS;
        int listItems = d.listItems();
        int accounts = d.accounts();
        int dictKeys = d.dictKeys();
        int readPercent = d.readPercent();
        int scanKeys = d.scanKeys();
        int scanPercent = d.scanPercent();
        int auditPercent = d.auditPercent();
        int ioPercent = d.ioPercent();
        int txnLength = d.txnLength();
        Set<String> seen = new HashSet<>();
        try {
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (!arg.startsWith("--") || eq < 0) {
                    throw new UsageException("expected --option=value, got '" + arg + "'");
                }
                String name = arg.substring(2, eq);
                String value = arg.substring(eq + 1);
                if (!seen.add(name)) {
                    throw new UsageException("--" + name + " is given twice");
                }
                switch (name) {
                    case "workloads" -> b.workloads(list(name, value));
                    case "managers" -> b.managers(list(name, value));
                    case "threads" -> b.threads(ints(name, value));
                    case "duration" -> b.duration(time(name, value));
                    case "warmup" -> b.warmup(time(name, value));
                    case "budget" -> b.budget(time(name, value));
                    case "seed" -> b.seed(longValue(name, value));
                    case "out" -> b.outDir(path(name, value));
                    case "demo-transfers" -> b.demoTransfers(intValue(name, value));
                    case "repeat" -> b.repeat(intValue(name, value));
                    case "policy-jar" -> b.policyJars(paths(name, value));
                    case "list-items" -> listItems = intValue(name, value);
                    case "accounts" -> accounts = intValue(name, value);
                    case "dict-keys" -> dictKeys = intValue(name, value);
                    case "read-percent" -> readPercent = intValue(name, value);
                    case "scan-keys" -> scanKeys = intValue(name, value);
                    case "scan-percent" -> scanPercent = intValue(name, value);
                    case "audit-percent" -> auditPercent = intValue(name, value);
                    case "io-percent" -> ioPercent = intValue(name, value);
                    case "txn-length" -> txnLength = intValue(name, value);
                    default -> throw new UsageException("unknown option --" + name + " (see --help)");
                }
            }
            b.params(new WorkloadParams(listItems, accounts, dictKeys, readPercent, scanKeys, scanPercent,
                    auditPercent, ioPercent, txnLength));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static List<String> list(String name, String value) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new UsageException("--" + name + ": empty element in '" + value + "'");
            }
            out.add(p);
        }
        return out;
    }

    private static List<Path> paths(String name, String value) throws UsageException {
        List<Path> out = new ArrayList<>();
        for (String part : list(name, value)) {
            out.add(path(name, part));
        }
        return out;
    }

    private static List<Integer> ints(String name, String value) throws UsageException {
        List<Integer> out = new ArrayList<>();
        for (String part : list(name, value)) {
            out.add(intValue(name, part));
        }
        return out;
    }

    private static int intValue(String name, String value) throws UsageException {
        return parseNumber(name, value, Integer::parseInt);
    }

    private static long longValue(String name, String value) throws UsageException {
        return parseNumber(name, value, Long::parseLong);
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T parseNumber(String name, String value, Parser<T> parser) throws UsageException {
        try {
            return parser.parse(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + ": '" + value + "' is not an integer");
        }
    }

    static Duration time(String name, String value) throws UsageException {
        Matcher m = TIME.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException("--" + name + ": '" + value + "' is not a time such as 300ms, 2s or 1m");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
        if (d.isZero()) {
            throw new UsageException("--" + name + " must be positive, was " + value);
        }
        return d;
    }

    private static Path path(String name, String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException("--" + name + ": empty path");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException("--" + name + ": '" + value + "' is not a path: " + e.getReason());
        }
    }
}
