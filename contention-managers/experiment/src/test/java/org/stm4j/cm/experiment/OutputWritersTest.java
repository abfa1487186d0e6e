package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The CSV writer, the SVG chart, the table and the progress bar. */
class OutputWritersTest {

    static CellResult result(String workload, String manager, int threads, long commits) {
        return new CellResult(workload, manager, threads, 500_000_000L, commits, commits + commits / 10, 1.1, 3, 9,
                800, 12_000, 2_000_000, 0.2, 5_000_000, 2, 3,
                new CellResult.TopConflict("Bank.java:42", "TDict accounts, key 7", 0.6));
    }

    static List<CellResult> sample() {
        List<CellResult> rows = new ArrayList<>();
        for (String w : List.of("bank", "hot-counter")) {
            for (String m : List.of("default", "back,off \"q\" <&>")) {
                for (int t : List.of(1, 2, 4, 8)) {
                    rows.add(result(w, m, t, 1000L * t));
                }
            }
        }
        return rows;
    }

    /** A minimal RFC 4180 reader, enough to check what the writer produced. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return rows;
    }

    @Test
    void csvHasAHeaderAndOneWellFormedRowPerCell(@TempDir Path dir) throws Exception {
        List<Path> files = CsvWriter.write(sample(), dir);
        assertEquals(List.of(dir.resolve("results.csv"), dir.resolve("bank.csv"), dir.resolve("hot-counter.csv"),
                dir.resolve("rounds.csv")), files);
        List<List<String>> all = parseCsv(Files.readString(files.get(0)));
        assertEquals(1 + 16, all.size());
        assertEquals(CsvWriter.COLUMNS, all.get(0));
        for (List<String> row : all) {
            assertEquals(CsvWriter.COLUMNS.size(), row.size(), row.toString());
        }
        List<String> first = all.get(1);
        assertEquals(List.of("bank", "default", "1", "500.0000", "1000", "1100", "100", "2000.0000"), first.subList(0, 8));
        assertEquals("back,off \"q\" <&>", all.get(5).get(1));
        assertEquals(1 + 8, parseCsv(Files.readString(files.get(1))).size());
    }

    @Test
    void csvEscaping() {
        assertEquals("plain", CsvWriter.escape("plain"));
        assertEquals("\"a,b\"", CsvWriter.escape("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", CsvWriter.escape("say \"hi\""));
        assertEquals("\"two\nlines\"", CsvWriter.escape("two\nlines"));
    }

    @Test
    void svgIsWellFormedXmlWithALinePerManagerPerPanel(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/chart.svg");
        SvgChart.write(sample(), "title with <markup> & \"quotes\"", "machine", file);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(file)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        // 2 workloads x 2 panels x 2 managers
        assertEquals(8, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength());
        assertEquals(8 * 4, doc.getElementsByTagNameNS("http://www.w3.org/2000/svg", "circle").getLength());
        String svg = Files.readString(file);
        assertTrue(svg.contains("title with &lt;markup&gt; &amp; &quot;quotes&quot;"));
        assertTrue(svg.contains("hot-counter: abort ratio %"));
    }

    @Test
    void niceAxisCeilingsAndLabels() {
        assertEquals(1, SvgChart.niceCeiling(0, false));
        assertEquals(2_500_000, SvgChart.niceCeiling(2_100_000, false));
        assertEquals(5, SvgChart.niceCeiling(3.2, true));
        assertEquals(100, SvgChart.niceCeiling(60, true));
        assertEquals("1.25M", SvgChart.label(1_250_000, false));
        assertEquals("500k", SvgChart.label(500_000, false));
        assertEquals("0.5", SvgChart.label(0.5, true));
        assertEquals("0.0025", SvgChart.label(0.0025, true));
        assertEquals("1500", SvgChart.label(1500, true));
        assertEquals(4, SvgChart.ticksFor(2_000_000));
        assertEquals(5, SvgChart.ticksFor(2.5));
        assertEquals(5, SvgChart.ticksFor(100));
    }

    @Test
    void tableHasAHeaderPerWorkloadAndARowPerCell() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultTable.print(sample(), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("== bank") && table.contains("== hot-counter"), table);
        assertEquals(2, table.split("commits/s", -1).length - 1);
        assertTrue(table.contains("  9.09%"), table); // abort ratio of the sample rows: 100 of 1100
    }

    @Test
    void progressBarRedrawsOnATerminalAndPrintsLinesElsewhere() {
        ByteArrayOutputStream tty = new ByteArrayOutputStream();
        ProgressBar bar = new ProgressBar(new PrintStream(tty, true, StandardCharsets.UTF_8), true);
        for (int i = 0; i < 20; i++) {
            bar.starting(i, 20, "bank", "default", 2);
        }
        bar.finished();
        String drawn = tty.toString(StandardCharsets.UTF_8);
        assertEquals(22, drawn.chars().filter(c -> c == '\r').count(), drawn); // 20 redraws, 2 to clear the line
        assertTrue(drawn.contains("20/20") && drawn.contains("experiment done"));

        ByteArrayOutputStream log = new ByteArrayOutputStream();
        ProgressBar plain = new ProgressBar(new PrintStream(log, true, StandardCharsets.UTF_8), false);
        for (int i = 0; i < 20; i++) {
            plain.starting(i, 20, "bank", "default", 2);
        }
        plain.finished();
        String lines = log.toString(StandardCharsets.UTF_8);
        assertTrue(lines.indexOf('\r') < 0, lines);
        assertEquals(11, lines.split("\n").length, lines); // one per tenth, plus the summary
    }
}
