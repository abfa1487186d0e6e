package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rule for Python names in Java (docs/collections.md, "Python names in Java: the rule"): the
 * mapping table there names only methods that exist, every Python identifier in it is spelled by
 * the rule (or is a listed exception), and each alias behaves as the SPEC method it stands beside.
 */
class PythonNamesTest {

    /** Where Python runs words together: the words, for the rule to camel-case. */
    private static final Map<String, String> COMPOUNDS = Map.of(
            "fromkeys", "from_keys",
            "setdefault", "set_default",
            "popitem", "pop_item",
            "issubset", "is_subset",
            "issuperset", "is_superset",
            "isdisjoint", "is_disjoint");

    /** The rule's exceptions: a Python name that would take over a java.util method of another contract. */
    private static final Map<String, String> EXCEPTIONS = Map.of("remove", "removeItem");

    /** The rule: words split at underscores and at Python's run-together compounds, in lower camel case. */
    static String rule(String python) {
        String words = COMPOUNDS.getOrDefault(python, python);
        StringBuilder sb = new StringBuilder();
        for (String w : words.split("_")) {
            if (w.isEmpty()) {
                continue;
            }
            sb.append(sb.length() == 0 ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return sb.toString();
    }

    @Test
    void theRuleCamelCasesAtWordBoundaries() {
        assertEquals("symmetricDifferenceUpdate", rule("symmetric_difference_update"));
        assertEquals("isSubset", rule("issubset"));
        assertEquals("getItem", rule("__get_item__"));
        assertEquals("append", rule("append"));
    }

    // ------------------------------------------------------------------ the table in docs/collections.md

    private record Row(Class<?> type, List<String> python, List<String> java, List<String> aliases) {
    }

    private static final Pattern TICKED = Pattern.compile("`([^`]*)`");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z_]*");

    private static List<String> ticked(String cell) {
        List<String> out = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static List<Row> table() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "collections.md"), StandardCharsets.UTF_8);
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| type | Python | Java (SPEC name) |")) {
                start = i + 2; // skip the header's rule line
                break;
            }
        }
        assertTrue(start > 0, "docs/collections.md lost its table of Python names");
        List<Row> rows = new ArrayList<>();
        for (int i = start; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            // cells split at | not escaped as \| (the `d \| m` row)
            String[] cells = lines.get(i).split("(?<!\\\\)\\|", -1);
            String type = ticked(cells[1]).get(0);
            Class<?> c = switch (type) {
                case "TList" -> TList.class;
                case "TDict" -> TDict.class;
                case "TSet" -> TSet.class;
                case "TQueue" -> TQueue.class;
                default -> throw new AssertionError("unknown type in the table: " + type);
            };
            List<String> python = ticked(cells[2]);
            List<String> java = cells[3].trim().equals("the same") ? python : ticked(cells[3]);
            rows.add(new Row(c, python, java, ticked(cells[4])));
        }
        assertTrue(rows.size() >= 15, "the table has " + rows.size() + " rows");
        return rows;
    }

    private static boolean hasPublicMethod(Class<?> c, String name) {
        for (Method m : c.getMethods()) {
            if (m.getName().equals(name) && Modifier.isPublic(m.getModifiers())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyJavaNameInTheTableIsAPublicMethodOfItsType() throws IOException {
        for (Row r : table()) {
            for (String name : r.java()) {
                assertTrue(hasPublicMethod(r.type(), name), r.type().getSimpleName() + " has no public " + name);
            }
            for (String name : r.aliases()) {
                assertTrue(hasPublicMethod(r.type(), name), r.type().getSimpleName() + " has no alias " + name);
            }
        }
    }

    @Test
    void everyPythonIdentifierInTheTableIsSpelledByTheRule() throws IOException {
        int checked = 0;
        for (Row r : table()) {
            List<String> python = r.python().stream().map(p -> p.substring(p.lastIndexOf('.') + 1)).toList();
            if (!python.stream().allMatch(p -> IDENTIFIER.matcher(p).matches())) {
                continue; // an operator row (l[i], len(l), d | m): named by what it does
            }
            assertEquals(python.size(), r.java().size(), "row " + r);
            for (int k = 0; k < python.size(); k++) {
                String p = python.get(k);
                String spec = r.java().get(k);
                String expected = EXCEPTIONS.getOrDefault(p, rule(p));
                String spelled = r.aliases().isEmpty() ? spec : r.aliases().get(k);
                assertEquals(expected, spelled, r.type().getSimpleName() + ": Python's " + p);
                checked++;
            }
        }
        assertTrue(checked >= 30, "checked " + checked + " names");
    }

    // ------------------------------------------------------------------ the aliases

    @Test
    void fromKeysIsFromkeys() {
        TDict<String, Integer> a = TDict.fromKeys(List.of("b", "a", "b"), 0);
        assertEquals(TDict.fromkeys(List.of("b", "a", "b"), 0), a);
        assertEquals(List.of("b", "a"), new ArrayList<>(a.keys()));
        assertThrows(NullPointerException.class, () -> TDict.fromKeys(null, 0));
    }

    @Test
    void setDefaultIsSetdefault() {
        TDict<String, Integer> d = new TDict<>();
        assertEquals(1, d.setDefault("k", 1));
        assertEquals(1, d.setDefault("k", 2)); // present: unchanged
        assertEquals(1, d.setdefault("k", 3));
        assertEquals(5, (int) atomic(() -> d.setDefault("j", 5))); // composes inside atomic
        assertEquals(Map.of("k", 1, "j", 5), d);
    }

    @Test
    void popItemIsPopitem() {
        TDict<String, Integer> d = TDict.from(Map.of("only", 1));
        d.put("last", 2);
        assertEquals(Map.entry("last", 2), d.popItem());
        assertEquals(Map.entry("only", 1), d.popitem());
        KeyError alias = assertThrows(KeyError.class, d::popItem);
        KeyError spec = assertThrows(KeyError.class, d::popitem);
        assertEquals(spec.getMessage(), alias.getMessage());
        assertFalse(d.containsKey("last"));
    }

    @Test
    void onlyTDictNeedsAliases() throws IOException {
        List<String> withAliases = new ArrayList<>();
        for (Row r : table()) {
            if (!r.aliases().isEmpty()) {
                withAliases.add(r.type().getSimpleName() + "." + String.join("/", r.aliases()));
            }
        }
        assertEquals(Arrays.asList("TDict.fromKeys", "TDict.setDefault", "TDict.popItem"), withAliases);
    }
}
