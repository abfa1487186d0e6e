package org.stm4j.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the code shown in documentation identical to code that is compiled and run by tests.
 *
 * <p><b>Protocol.</b> A code sample in markdown (a fenced {@code ```java} or {@code ```kotlin} block;
 * Kotlin regions use the same {@code // region} comments) or in javadoc (a
 * {@code <pre>{@code ...}</pre>} block) is preceded by a marker naming where its code lives:
 * <pre>
 *   &lt;!-- snippet: stm-core/src/test/java/org/stm4j/docs/CoreSnippetsTest.java#first-atomic --&gt;
 * </pre>
 * (several {@code path#region} separated by spaces when the same code is compiled in several
 * places). The named file holds the region between {@code // region first-atomic} and the matching
 * {@code // endregion}; nested region markers inside it are left out of the text. A sample that is
 * deliberately not Java code (a protocol outline) is marked {@code <!-- outline -->} instead.
 *
 * <p><b>What is compared.</b> Both texts are de-indented (common leading whitespace removed) and
 * trailing whitespace is ignored; everything else, blank lines and relative indentation included,
 * must be equal. Lines of the sample that start with {@code import } are not part of the region:
 * each must appear verbatim as a line of the region's file, so the sample's imports cannot rot
 * either. Paths are relative to the repository root.
 *
 * <p>The class only finds mismatches and returns them as messages; {@code DocSnippetsTest} runs it
 * over the repository and {@code DocSnippetsSelfTest} shows that each kind of drift is caught.
 */
final class DocSnippets {
    static final Pattern MARKER = Pattern.compile("<!--\\s*snippet:\\s*(.+?)\\s*-->");
    static final Pattern OUTLINE = Pattern.compile("<!--\\s*outline\\s*-->");
    private static final Pattern REGION = Pattern.compile("^\\s*// region (\\S+)\\s*$");
    private static final Pattern END_REGION = Pattern.compile("^\\s*// endregion\\b.*$");
    private static final Pattern JAVADOC_PREFIX = Pattern.compile("^\\s*\\*( |$)");

    private final Function<String, String> files;

    /** @param files reads a file by its repository-relative path */
    DocSnippets(Function<String, String> files) {
        this.files = files;
    }

    /** A checker over the files below {@code root}. */
    static DocSnippets under(Path root) {
        return new DocSnippets(path -> {
            try {
                return Files.readString(root.resolve(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Checks every {@code ```java} and {@code ```kotlin} block of a markdown text.
     *
     * @param name          the document's name, for messages
     * @param requireMarker whether a block without a marker is a problem
     * @return the problems found, empty if none
     */
    List<String> checkMarkdown(String name, String markdown, boolean requireMarker) {
        List<String> problems = new ArrayList<>();
        List<String> lines = lines(markdown);
        for (int i = 0; i < lines.size(); i++) {
            String fence = lines.get(i).strip();
            if (!fence.equals("```java") && !fence.equals("```kotlin")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                end++;
            }
            check(name + ":" + (i + 1), previousNonBlank(lines, i), lines.subList(i + 1, end), requireMarker, problems);
            i = end;
        }
        return problems;
    }

    /**
     * Checks every {@code <pre>{@code} block of a Java source file's comments; a marker is required.
     *
     * @return the problems found, empty if none
     */
    List<String> checkJavadoc(String name, String source) {
        List<String> problems = new ArrayList<>();
        List<String> lines = lines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).contains("<pre>{@code")) {
                continue;
            }
            int end = i + 1;
            while (end < lines.size() && !lines.get(end).contains("}</pre>")) {
                end++;
            }
            List<String> body = new ArrayList<>();
            for (String line : lines.subList(i + 1, end)) {
                Matcher m = JAVADOC_PREFIX.matcher(line);
                body.add(m.find() ? line.substring(m.end()) : line);
            }
            check(name + ":" + (i + 1), previousNonBlank(lines, i), body, true, problems);
            i = end;
        }
        return problems;
    }

    private void check(String where, String previous, List<String> sample, boolean requireMarker, List<String> problems) {
        if (OUTLINE.matcher(previous).find()) {
            return;
        }
        Matcher m = MARKER.matcher(previous);
        if (!m.find()) {
            if (requireMarker) {
                problems.add(where + ": code sample without a <!-- snippet: path#region --> marker");
            }
            return;
        }
        List<String> imports = new ArrayList<>();
        List<String> code = new ArrayList<>();
        for (String line : sample) {
            (line.startsWith("import ") ? imports : code).add(line);
        }
        for (String ref : m.group(1).split("\\s+")) {
            int hash = ref.indexOf('#');
            if (hash < 0) {
                problems.add(where + ": marker '" + ref + "' needs the form path#region");
                continue;
            }
            String path = ref.substring(0, hash);
            String name = ref.substring(hash + 1);
            String source;
            try {
                source = files.apply(path);
            } catch (UncheckedIOException e) {
                problems.add(where + ": cannot read " + path + " (" + e.getCause() + ")");
                continue;
            }
            List<String> sourceLines = lines(source);
            List<String> region = region(sourceLines, name);
            if (region == null) {
                problems.add(where + ": no '// region " + name + "' ... '// endregion' in " + path);
                continue;
            }
            if (!normalize(region).equals(normalize(code))) {
                problems.add(where + ": differs from " + ref + "\n--- documented:\n" + String.join("\n", normalize(code))
                        + "\n--- compiled:\n" + String.join("\n", normalize(region)));
            }
            for (String imp : imports) {
                if (sourceLines.stream().noneMatch(l -> l.strip().equals(imp.strip()))) {
                    problems.add(where + ": '" + imp.strip() + "' is not an import of " + path);
                }
            }
        }
    }

    /** The lines of region {@code name}, without nested region markers; null if absent or unclosed. */
    static List<String> region(List<String> lines, String name) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = REGION.matcher(lines.get(i));
            if (!m.matches() || !m.group(1).equals(name)) {
                continue;
            }
            List<String> out = new ArrayList<>();
            int depth = 1;
            for (int j = i + 1; j < lines.size(); j++) {
                String line = lines.get(j);
                if (REGION.matcher(line).matches()) {
                    depth++;
                } else if (END_REGION.matcher(line).matches()) {
                    if (--depth == 0) {
                        return out;
                    }
                } else {
                    out.add(line);
                }
            }
            return null;
        }
        return null;
    }

    /** De-indents, strips trailing whitespace and blank lines at either end. */
    static List<String> normalize(List<String> code) {
        List<String> out = new ArrayList<>();
        for (String line : code) {
            out.add(line.stripTrailing());
        }
        while (!out.isEmpty() && out.get(0).isEmpty()) {
            out.remove(0);
        }
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        int indent = out.stream().filter(l -> !l.isEmpty())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        out.replaceAll(l -> l.isEmpty() ? l : l.substring(indent));
        return out;
    }

    private static String previousNonBlank(List<String> lines, int index) {
        for (int i = index - 1; i >= 0; i--) {
            String t = lines.get(i).strip();
            if (!t.isEmpty() && !t.equals("*")) {
                return t;
            }
        }
        return "";
    }

    private static List<String> lines(String text) {
        return Arrays.asList(text.split("\r?\n", -1));
    }
}
