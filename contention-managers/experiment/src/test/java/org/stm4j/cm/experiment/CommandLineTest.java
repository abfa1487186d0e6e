package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.spi.ContentionManagers;

class CommandLineTest {

    @Test
    void defaultsCoverEveryWorkloadAndInstalledManager() throws Exception {
        ExperimentConfig c = CommandLine.parse(new String[0]);
        assertEquals(Workloads.names(), c.workloads());
        assertEquals(List.copyOf(ContentionManagers.knownNames()), c.managers());
        assertTrue(c.managers().containsAll(List.of("default", "backoff")));
        assertEquals(List.of(1, 2, 4, 8), c.threads());
        assertEquals(42, c.seed());
        assertEquals(Path.of("target", "cm-experiment"), c.outDir());
        assertEquals(WorkloadParams.DEFAULTS, c.params());
        assertEquals(ExperimentConfig.defaults(), c);
        // the budget is shared among the cells, within the clamps
        long perCell = c.warmup().plus(c.duration()).toMillis();
        assertTrue(perCell >= 150 && perCell <= 2_500, "per cell " + perCell);
    }

    @Test
    void overrides() throws Exception {
        ExperimentConfig c = CommandLine.parse(new String[] {"--managers=BACKOFF, default", "--threads=8,1",
            "--duration=300ms", "--warmup=1s", "--workloads=bank,hot-counter", "--seed=-5", "--out=x/y",
            "--accounts=16", "--read-percent=50", "--txn-length=4", "--demo-transfers=0", "--scan-keys=100",
            "--scan-percent=7", "--audit-percent=0", "--io-percent=100", "--list-items=3", "--dict-keys=9"});
        assertEquals(List.of("backoff", "default"), c.managers());
        assertEquals(List.of(8, 1), c.threads());
        assertEquals(Duration.ofMillis(300), c.duration());
        assertEquals(Duration.ofSeconds(1), c.warmup());
        assertEquals(List.of("bank", "hot-counter"), c.workloads());
        assertEquals(-5, c.seed());
        assertEquals(Path.of("x/y"), c.outDir());
        assertEquals(new WorkloadParams(3, 16, 9, 50, 100, 7, 0, 100, 4), c.params());
        assertEquals(0, c.demoTransfers());
        assertEquals(8, c.cells());
    }

    @Test
    void theBudgetSetsTheCellDurations() throws Exception {
        ExperimentConfig c = CommandLine.parse(new String[] {"--budget=8s", "--managers=default",
            "--workloads=bank", "--threads=1,2"});
        assertEquals(Duration.ofMillis(2_000), c.duration()); // 3/4 of 4 s, capped at 2 s
        assertEquals(Duration.ofMillis(500), c.warmup()); // 1/4 of 4 s, capped at 0.5 s
    }

    @Test
    void argumentsRoundTrip() throws Exception {
        ExperimentConfig c = CommandLine.parse(new String[] {"--managers=backoff", "--threads=2,3",
            "--duration=70ms", "--seed=9", "--accounts=5"});
        ExperimentConfig again = CommandLine.parse(c.toArgs().toArray(new String[0]));
        assertEquals(c, again);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--nope=1", "managers=default", "--managers", "--managers=", "--managers=a,,b",
        "--managers=nosuch", "--workloads=nosuch", "--threads=0", "--threads=1,1", "--threads=two",
        "--threads=2000", "--duration=5", "--duration=0ms", "--duration=-1s", "--duration=1h", "--warmup=x",
        "--budget=0s", "--seed=1.5", "--accounts=1", "--read-percent=101", "--scan-percent=-1",
        "--txn-length=0", "--demo-transfers=-1", "--out="})
    void badArgumentsAreRefusedWithAMessage(String arg) {
        CommandLine.UsageException e = assertThrows(CommandLine.UsageException.class,
                () -> CommandLine.parse(new String[] {arg}));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), arg);
    }

    @Test
    void messagesNameTheProblem() {
        String unknownManager = message("--managers=nosuch");
        assertTrue(unknownManager.contains("known: ") && unknownManager.contains("backoff"), unknownManager);
        assertTrue(message("--workloads=nosuch").contains("bank"));
        assertTrue(message("--nope=1").contains("--nope"));
        assertTrue(message("--threads=0").contains("1..1024"));
        assertTrue(message("--duration=5").contains("300ms"));
        assertTrue(CommandLineTest.message2("--seed=1", "--seed=2").contains("twice"));
    }

    private static String message(String arg) {
        return message2(arg);
    }

    private static String message2(String... args) {
        try {
            CommandLine.parse(args);
            throw new AssertionError("accepted " + String.join(" ", args));
        } catch (CommandLine.UsageException e) {
            return e.getMessage();
        }
    }

    @Test
    void mainExitsWithTwoOnBadArgumentsAndZeroOnHelp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--threads=0"}, print(out), print(err), false);
        assertEquals(Main.BAD_ARGUMENTS, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: "), err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));

        out.reset();
        assertEquals(Main.OK, Main.run(new String[] {"--help"}, print(out), print(err), false));
        String usage = out.toString(StandardCharsets.UTF_8);
        assertTrue(usage.contains("--managers") && usage.contains("long-scan") && usage.contains("backoff"), usage);
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
