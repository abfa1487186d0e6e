package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the main job: 1 manager x 2 workloads x threads 1, 2 x 50 ms. */
class EndToEndTest {

    @Test
    void tinyRunPrintsTheTableAndWritesTheFiles(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--managers=backoff", "--workloads=bank,list-transfer", "--threads=1,2",
            "--duration=50ms", "--warmup=20ms", "--demo-transfers=100", "--out=" + dir},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false);
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertEquals(Main.OK, status, stdout + err.toString(StandardCharsets.UTF_8));
        assertTrue(stdout.startsWith("stm4j demo"), stdout);
        assertTrue(stdout.contains("== bank") && stdout.contains("== list-transfer"), stdout);
        assertTrue(stdout.contains("chart:") && stdout.contains(dir.resolve("chart.svg").toString()), stdout);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("progress: cell 1/4"));

        List<List<String>> rows = OutputWritersTest.parseCsv(Files.readString(dir.resolve("results.csv")));
        assertEquals(5, rows.size());
        for (List<String> row : rows.subList(1, 5)) {
            assertEquals("backoff", row.get(1));
            assertTrue(Long.parseLong(row.get(4)) > 0, row.toString()); // commits
        }
        assertEquals(3, OutputWritersTest.parseCsv(Files.readString(dir.resolve("bank.csv"))).size());
        assertEquals(3, OutputWritersTest.parseCsv(Files.readString(dir.resolve("list-transfer.csv"))).size());
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve("chart.svg").toFile());
        String config = Files.readString(dir.resolve("config.txt"));
        assertTrue(config.contains("--managers=backoff") && config.contains("--seed=42"), config);
    }
}
