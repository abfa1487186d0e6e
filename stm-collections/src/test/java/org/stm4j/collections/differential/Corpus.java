package org.stm4j.collections.differential;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads the committed CPython corpus ({@code src/test/resources/corpus/<type>.jsonl}, written by
 * {@code src/test/python/gen.py}): one JSON case per line, {@code #} lines are comments.
 */
final class Corpus {
    /** The corpus files, by collection type. */
    static final List<String> TYPES = List.of("list", "dict", "set");

    private Corpus() {
    }

    static String resource(String type) {
        return "/corpus/" + type + ".jsonl";
    }

    static List<CorpusCase> load(String type) {
        InputStream in = Corpus.class.getResourceAsStream(resource(type));
        if (in == null) {
            throw new IllegalStateException("missing corpus " + resource(type) + " (run src/test/python/gen.py)");
        }
        List<CorpusCase> cases = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            int lineNo = 0;
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                cases.add(toCase(type, lineNo, asMap(MiniJson.parse(line))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static CorpusCase toCase(String type, int line, Map<String, Object> json) {
        List<CorpusOp> ops = new ArrayList<>();
        for (Object o : asList(json.get("ops"))) {
            Map<String, Object> op = asMap(o);
            Outcome expected = null;
            if (op.containsKey("ok")) {
                expected = Outcome.ok(op.get("ok"));
            } else if (op.containsKey("error")) {
                expected = Outcome.error((String) op.get("error"), (String) op.get("message"));
            }
            List<Object> anyOf = op.containsKey("okAnyOf") ? asList(op.get("okAnyOf")) : null;
            if ((expected == null) == (anyOf == null)) {
                throw new IllegalArgumentException(type + ".jsonl:" + line + ": bad op record " + op);
            }
            List<Object> state = op.containsKey("state") ? asList(op.get("state")) : null;
            ops.add(new CorpusOp((String) op.get("op"), asList(op.get("args")), expected, state, anyOf));
        }
        return new CorpusCase(type, line, (String) json.get("name"), asList(json.get("init")), ops);
    }

    @SuppressWarnings("unchecked") // MiniJson builds objects as Map<String, Object>
    static Map<String, Object> asMap(Object json) {
        if (!(json instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object, got " + json);
        }
        return (Map<String, Object>) json;
    }

    @SuppressWarnings("unchecked") // MiniJson builds arrays as List<Object>
    static List<Object> asList(Object json) {
        if (!(json instanceof List)) {
            throw new IllegalArgumentException("expected a JSON array, got " + json);
        }
        return (List<Object>) json;
    }

    /** Python-like rendering of a corpus value, for failure messages. */
    static String show(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Corpus::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> map) {
            if (map.containsKey("$self")) {
                return "SELF";
            }
            String as = map.containsKey("$as") ? String.valueOf(map.get("$as")) : "pairs";
            return as + show(map.containsKey("$items") ? map.get("$items") : map.get("$pairs"));
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(v);
    }
}
