package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;

/**
 * A researcher's policy, compiled by this test into a jar of its own (never on the test class path),
 * runs in the experiment through {@code --policy-jar}; the run's {@code config.txt} names its provider,
 * jar and checksum, and its reproduce line, run again, runs the same managers. A policy that throws
 * ends the run with status 1, but the cells that finished are written and the failed ones marked.
 */
@Timeout(120)
class PolicyJarTest {

    private static final String PROVIDER = """
            package org.example.research;

            import java.util.Set;
            import org.stm4j.spi.ContentionManager;
            import org.stm4j.spi.ContentionManagerProvider;

            public final class ResearchPolicies implements ContentionManagerProvider {
                @Override public Set<String> names() { return Set.of("probe-linear", "probe-throws", "probe-liar"); }
                @Override public ContentionManager create(String name) {
                    switch (name) {
                        case "probe-linear": return new LinearBackoff();
                        case "probe-throws": return new ThrowsOnBank();
                        case "probe-liar": return new LinearBackoff(); // its name() is probe-linear
                        default: throw new IllegalArgumentException("unknown contention manager '" + name + "'");
                    }
                }
            }
            """;

    private static final String LINEAR = """
            package org.example.research;

            import java.util.concurrent.locks.LockSupport;
            import org.stm4j.AbortCause;
            import org.stm4j.spi.AttemptMode;
            import org.stm4j.spi.ContentionManager;
            import org.stm4j.spi.TxnView;

            /** Waits 2 microseconds per consecutive abort. */
            public final class LinearBackoff implements ContentionManager {
                @Override public String name() { return "probe-linear"; }
                @Override public AttemptMode onAbort(TxnView tx, AbortCause cause) {
                    LockSupport.parkNanos(2_000L * tx.consecutiveAborts());
                    return AttemptMode.OPTIMISTIC;
                }
            }
            """;

    /** Throws in every block of the bank workload (its worker threads are named bank-...). */
    private static final String THROWS = """
            package org.example.research;

            import org.stm4j.AbortCause;
            import org.stm4j.spi.AttemptMode;
            import org.stm4j.spi.ContentionManager;
            import org.stm4j.spi.TxnView;

            public final class ThrowsOnBank implements ContentionManager {
                @Override public String name() { return "probe-throws"; }
                @Override public void onBegin(TxnView tx) {
                    if (Thread.currentThread().getName().startsWith("bank-")) {
                        throw new IllegalStateException("probe-throws refuses the bank");
                    }
                }
                @Override public AttemptMode onAbort(TxnView tx, AbortCause cause) {
                    return AttemptMode.OPTIMISTIC;
                }
            }
            """;

    /** Compiles the policy sources against stm-core and packs them with their services file. */
    static Path policyJar(Path dir) throws IOException, URISyntaxException {
        Path src = dir.resolve("src/org/example/research");
        Files.createDirectories(src);
        Files.writeString(src.resolve("ResearchPolicies.java"), PROVIDER);
        Files.writeString(src.resolve("LinearBackoff.java"), LINEAR);
        Files.writeString(src.resolve("ThrowsOnBank.java"), THROWS);
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        String stmCore = Path.of(ContentionManager.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, "-classpath", stmCore, "-d", classes.toString(),
                "--release", "17", src.resolve("ResearchPolicies.java").toString(),
                src.resolve("LinearBackoff.java").toString(), src.resolve("ThrowsOnBank.java").toString());
        assertEquals(0, rc, diagnostics.toString(StandardCharsets.UTF_8));
        Path jar = dir.resolve("research-policies.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + ContentionManagerProvider.class.getName()));
            out.write("org.example.research.ResearchPolicies\n".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(classes)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(f));
                out.closeEntry();
            }
        }
        return jar;
    }

    private record Run(int status, String out, String err) {
    }

    private static Run main(List<String> args) throws InterruptedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The distinct (workload, manager, threads, status) rows of results.csv. */
    private static List<List<String>> cells(Path dir) throws IOException {
        List<List<String>> rows = OutputWritersTest.parseCsv(Files.readString(dir.resolve("results.csv")));
        int status = CsvWriter.COLUMNS.indexOf("status");
        List<List<String>> out = new ArrayList<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            out.add(List.of(row.get(0), row.get(1), row.get(2), row.get(status)));
        }
        return out;
    }

    @Test
    void aPolicyFromItsOwnJarRunsAndTheRecordedLineReproducesTheRun(@TempDir Path tmp) throws Exception {
        Path jar = policyJar(tmp.resolve("build"));
        assertFalse(org.stm4j.spi.ContentionManagers.knownNames().contains("probe-linear"),
                "the policy must not be on the test class path");
        Path first = tmp.resolve("first");
        Run run = main(List.of("--policy-jar=" + jar, "--managers=probe-linear,backoff", "--workloads=hot-counter",
                "--threads=1,2", "--duration=30ms", "--warmup=10ms", "--repeat=2", "--demo-transfers=0",
                "--out=" + first));
        assertEquals(Main.OK, run.status(), run.out() + run.err());
        assertTrue(run.out().contains("medians of 2 rounds"), run.out());

        String config = Files.readString(first.resolve(Main.CONFIG));
        List<String> lines = config.lines().toList();
        assertTrue(lines.get(0).contains("--policy-jar=" + jar.toAbsolutePath()), lines.get(0));
        assertTrue(config.contains("# stm4j ") && !config.contains("# stm4j unknown")
                && !config.contains("${project.version}"), config);
        assertTrue(config.contains("# JVM: "), config);
        String sha = Policies.sha256(Files.readAllBytes(jar));
        assertTrue(config.contains("# manager probe-linear: provider org.example.research.ResearchPolicies, from "
                + "file:" + jar.toAbsolutePath() + ", sha256 " + sha), config);
        assertTrue(config.contains("# manager backoff: provider org.stm4j.cm.PolicyRegistry"), config);

        List<String> again = new ArrayList<>(Main.reproduceArgs(lines.get(0)));
        Path second = tmp.resolve("second");
        again.add("--out=" + second);
        Run rerun = main(again);
        assertEquals(Main.OK, rerun.status(), rerun.out() + rerun.err());
        assertEquals(cells(first), cells(second));
        Set<String> managers = new LinkedHashSet<>();
        cells(second).forEach(c -> managers.add(c.get(1)));
        assertEquals(Set.of("probe-linear", "backoff"), managers);
        assertEquals(config.lines().skip(1).toList(), Files.readString(second.resolve(Main.CONFIG)).lines().skip(1)
                .toList(), "the re-run records the same configuration");
    }

    @Test
    void aThrowingPolicyFailsTheRunButWhatWasMeasuredIsWritten(@TempDir Path tmp) throws Exception {
        Path jar = policyJar(tmp.resolve("build"));
        Path out = tmp.resolve("out");
        Run run = main(List.of("--policy-jar=" + jar, "--managers=probe-throws,backoff",
                "--workloads=hot-counter,bank", "--threads=1,2", "--duration=30ms", "--warmup=10ms",
                "--demo-transfers=0", "--out=" + out));
        assertEquals(Main.FAILED, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("EXPERIMENT FAILED") && run.err().contains("probe-throws refuses the bank"),
                run.err());
        assertTrue(run.out().contains("FAILED: ") || run.out().contains("skipped: probe-throws failed earlier"),
                run.out());
        Map<String, String> status = new java.util.HashMap<>();
        for (List<String> c : cells(out)) {
            status.put(String.join("/", c.subList(0, 3)), c.get(3));
        }
        assertEquals("ok", status.get("hot-counter/probe-throws/1"));
        assertEquals("ok", status.get("hot-counter/probe-throws/2"));
        assertEquals("ok", status.get("bank/backoff/2"));
        String bank = status.get("bank/probe-throws/1").toLowerCase(Locale.ROOT);
        assertTrue(bank.equals("failed") || bank.equals("skipped"), bank);
        assertTrue(Files.exists(out.resolve("chart.svg")) && Files.exists(out.resolve(Main.CONFIG)));
    }

    @Test
    void aMissingPolicyJarIsABadArgument(@TempDir Path tmp) throws Exception {
        Run run = main(List.of("--policy-jar=" + tmp.resolve("nope.jar"), "--demo-transfers=0"));
        assertEquals(Main.BAD_ARGUMENTS, run.status());
        assertTrue(run.err().contains("nope.jar is not a readable file"), run.err());
    }

    @Test
    void aProviderWhoseManagerHasAnotherNameIsRefused(@TempDir Path tmp) throws Exception {
        Path jar = policyJar(tmp.resolve("build"));
        Run run = main(List.of("--policy-jar=" + jar, "--managers=probe-liar,backoff", "--demo-transfers=0",
                "--out=" + tmp.resolve("out")));
        assertEquals(Main.BAD_ARGUMENTS, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("org.example.research.ResearchPolicies") && run.err().contains("'probe-liar'")
                && run.err().contains("'probe-linear'"), run.err());
        assertFalse(Files.exists(tmp.resolve("out")), "nothing ran");
    }

    @Test
    void reproduceLineQuotingRoundTrips() {
        List<String> args = List.of("--out=/a b/c", "--policy-jar=/x/it's.jar", "--seed=1");
        String line = Main.REPRODUCE + "\"" + String.join(" ", args.stream().map(Main::quote).toList()) + "\"";
        assertEquals(args, Main.reproduceArgs(line));
    }
}
