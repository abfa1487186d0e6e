package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.example.elder.ElderManager;
import org.example.elder.ElderPolicies;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.stm4j.spi.ContentionManagerProvider;

/**
 * The research recipe of docs/contention-management.md, step by step: the sample policy
 * ({@link ElderManager}) and its provider ({@link ElderPolicies}), compiled here, are packed into a
 * jar with their services file, run against built-ins with repeats through {@code --policy-jar}, and
 * the table, CSV and chart carry medians and intervals.
 */
@Timeout(120)
class ResearchRecipeTest {

    @Test
    void theRecipeRunsThePolicyAgainstTheBuiltInsWithRepeats(@TempDir Path tmp) throws Exception {
        Path jar = tmp.resolve("elder.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("META-INF/services/" + ContentionManagerProvider.class.getName()));
            out.write((ElderPolicies.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            for (Class<?> c : List.of(ElderManager.class, ElderPolicies.class)) {
                String entry = c.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                try (var in = c.getClassLoader().getResourceAsStream(entry)) {
                    out.write(in.readAllBytes());
                }
                out.closeEntry();
            }
        }
        Path results = tmp.resolve("cm-elder");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        // the arguments of the recipe's command, with shorter cells
        int status = Main.run(new String[] {"--policy-jar=" + jar, "--managers=elder,greedy,backoff,default",
            "--workloads=bank,hot-counter", "--threads=1,2", "--repeat=3", "--duration=20ms", "--warmup=10ms",
            "--demo-transfers=0", "--out=" + results}, new PrintStream(bytes, true, StandardCharsets.UTF_8),
                new PrintStream(errors, true, StandardCharsets.UTF_8), false);
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, status, table + errors.toString(StandardCharsets.UTF_8));
        assertTrue(table.contains("medians of 3 rounds") && table.contains("confidence 75.0%"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("elder ") && l.contains("[")), table);

        List<List<String>> rows = OutputWritersTest.parseCsv(Files.readString(results.resolve("results.csv")));
        int rounds = CsvWriter.COLUMNS.indexOf("rounds");
        int low = CsvWriter.COLUMNS.indexOf("commits_per_s_ci_low");
        int high = CsvWriter.COLUMNS.indexOf("commits_per_s_ci_high");
        int median = CsvWriter.COLUMNS.indexOf("commits_per_s");
        assertEquals(1 + 2 * 2 * 4, rows.size());
        for (List<String> row : rows.subList(1, rows.size())) {
            assertEquals("3", row.get(rounds), row.toString());
            double lo = Double.parseDouble(row.get(low));
            double mid = Double.parseDouble(row.get(median));
            double hi = Double.parseDouble(row.get(high));
            assertTrue(lo <= mid && mid <= hi, row.toString());
        }
        assertEquals(1 + 3 * 16, OutputWritersTest.parseCsv(Files.readString(results.resolve("rounds.csv"))).size());
        String svg = Files.readString(results.resolve("chart.svg"));
        assertTrue(svg.contains("class=\"error-bar\""), "the chart has error bars");
        assertTrue(Files.readString(results.resolve(Main.CONFIG)).contains("# manager elder: provider "
                + ElderPolicies.class.getName()));
    }
}
