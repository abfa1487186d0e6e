package org.stm4j.collections.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The committed corpus is there, big enough, exercises every operation the replay knows, and is
 * what {@code src/test/python/gen.py} generates.
 */
class CorpusFilesTest {
    static final List<String> TYPES = Corpus.TYPES;

    /** Every operation name of each type; the corpus must use them all (and no other). */
    private static final Map<String, Set<String>> OPERATIONS = Map.of(
            "list", Set.of("append", "extend", "insert", "pop", "getItem", "setItem", "delItem", "index",
                    "count", "reverse", "sort", "copy", "len", "slice", "setSlice", "delSlice", "remove", "removeItem",
                    "concat", "repeat", "repeatInPlace", "contains", "clear"),
            "dict", Set.of("put", "setItem", "getItem", "get", "setdefault", "pop", "remove", "popitem", "update",
                    "delItem", "keys", "values", "items", "len", "clear", "containsKey", "fromkeys", "union",
                    "copy"),
            "set", Set.of("add", "discard", "remove", "removeItem", "pop", "contains", "len", "clear", "copy",
                    "union", "intersection", "difference", "symmetricDifference", "update",
                    "intersectionUpdate", "differenceUpdate", "symmetricDifferenceUpdate", "isSubset",
                    "isSuperset", "isDisjoint"));

    @ParameterizedTest
    @FieldSource("TYPES")
    void atLeast300CasesWithUniqueNames(String type) {
        List<CorpusCase> cases = Corpus.load(type);
        assertTrue(cases.size() >= 300, type + ": only " + cases.size() + " cases");
        Set<String> names = new HashSet<>();
        for (CorpusCase c : cases) {
            assertTrue(names.add(c.name()), "duplicate case name " + c);
            assertFalse(c.ops().isEmpty(), "case without operations " + c);
        }
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void everyOperationIsExercised(String type) {
        Set<String> used = Corpus.load(type).stream().flatMap(c -> c.ops().stream()).map(CorpusOp::op)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(OPERATIONS.get(type)), used, type);
    }

    @ParameterizedTest
    @FieldSource("TYPES")
    void everyPythonErrorKindIsExpectedSomewhere(String type) {
        Set<String> errors = Corpus.load(type).stream().flatMap(c -> c.ops().stream())
                .filter(o -> o.expected() != null && o.expected().isError()).map(o -> o.expected().error())
                .collect(Collectors.toSet());
        Set<String> wanted = switch (type) {
            case "list" -> Set.of("IndexError", "ValueError");
            default -> Set.of("KeyError");
        };
        assertEquals(wanted, errors, type);
    }

    /**
     * Re-runs the generator in check mode when the CPython that wrote the corpus is on the PATH
     * (messages differ between CPython versions, so another version would not be a fair check).
     */
    @Test
    void corpusIsWhatTheGeneratorWrites() throws IOException, InterruptedException {
        Path script = Path.of("src", "test", "python", "gen.py");
        assumeTrue(Files.isRegularFile(script), "not run from the module directory");
        String recorded = pythonVersionInHeader("list");
        for (String type : TYPES) {
            assertEquals(recorded, pythonVersionInHeader(type), type + ".jsonl written by another Python");
        }
        String local = run("python3", "-c", "import platform; print(platform.python_version())");
        assumeTrue(recorded.equals(local), "corpus written by Python " + recorded + ", python3 here is " + local);
        String out = run("python3", script.toString(), "--check");
        assertEquals("", out, "src/test/python/gen.py --check");
    }

    private static String pythonVersionInHeader(String type) throws IOException {
        try (InputStream in = Corpus.class.getResourceAsStream(Corpus.resource(type))) {
            assertTrue(in != null, "missing " + Corpus.resource(type));
            String text = new String(in.readNBytes(4096), StandardCharsets.US_ASCII);
            int at = text.indexOf("# Python ");
            assertTrue(at >= 0, "no '# Python x.y.z' header line in " + type);
            return text.substring(at + 9, text.indexOf(';', at));
        }
    }

    /** Output of a command, or "" (and the test skipped) when it cannot be run here. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "cannot run " + command[0] + ": " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ": " + out);
        return out;
    }
}
