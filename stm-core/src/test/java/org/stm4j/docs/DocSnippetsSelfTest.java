package org.stm4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shows that {@link DocSnippets} catches each kind of drift (a checker that never fails proves nothing). */
class DocSnippetsSelfTest {
    private static final String SOURCE = String.join("\n",
            "import java.util.List;",
            "class Sample {",
            "    void run() {",
            "        // region hello",
            "        int x = 1;",
            "        // region inner",
            "        if (x > 0) {",
            "            System.out.println(x);",
            "        }",
            "        // endregion",
            "        // endregion",
            "    }",
            "}");
    private final DocSnippets snippets = new DocSnippets(path -> {
        String text = Map.of("S.java", SOURCE).get(path);
        if (text == null) {
            throw new UncheckedIOException(new NoSuchFileException(path));
        }
        return text;
    });

    private static String markdown(String marker, String... code) {
        return marker + "\n\n```java\n" + String.join("\n", code) + "\n```\n";
    }

    private static final String[] HELLO = {"int x = 1;", "if (x > 0) {", "    System.out.println(x);", "}"};

    @Test
    void identicalSampleWithItsImportPasses() {
        String[] code = new String[HELLO.length + 1];
        code[0] = "import java.util.List;";
        System.arraycopy(HELLO, 0, code, 1, HELLO.length);
        assertEquals(List.of(), snippets.checkMarkdown("d.md", markdown("<!-- snippet: S.java#hello -->", code), true));
        assertEquals(List.of(), snippets.checkMarkdown("d.md", markdown("<!-- snippet: S.java#inner -->",
                "if (x > 0) {", "    System.out.println(x);", "}"), true));
    }

    @Test
    void changedLineIsCaught() {
        assertProblem("differs from S.java#hello", snippets.checkMarkdown("d.md", markdown("<!-- snippet: S.java#hello -->",
                "int x = 2;", "if (x > 0) {", "    System.out.println(x);", "}"), true));
    }

    @Test
    void changedIndentationIsCaught() {
        assertProblem("differs", snippets.checkMarkdown("d.md", markdown("<!-- snippet: S.java#hello -->",
                "int x = 1;", "if (x > 0) {", "System.out.println(x);", "}"), true));
    }

    @Test
    void missingImportIsCaught() {
        assertProblem("is not an import of S.java", snippets.checkMarkdown("d.md",
                markdown("<!-- snippet: S.java#hello -->", "import java.util.Map;", HELLO[0], HELLO[1], HELLO[2], HELLO[3]), true));
    }

    @Test
    void missingRegionOrFileIsCaught() {
        assertProblem("no '// region nope'", snippets.checkMarkdown("d.md", markdown("<!-- snippet: S.java#nope -->", HELLO), true));
        assertProblem("cannot read T.java", snippets.checkMarkdown("d.md", markdown("<!-- snippet: T.java#hello -->", HELLO), true));
    }

    @Test
    void unmarkedSampleIsCaughtWhereMarkersAreRequired() {
        assertProblem("without a <!-- snippet", snippets.checkMarkdown("d.md", markdown("Some prose.", HELLO), true));
        assertEquals(List.of(), snippets.checkMarkdown("d.md", markdown("Some prose.", HELLO), false));
    }

    @Test
    void javadocSamplesAreComparedWithoutTheirCommentPrefix() {
        String ok = "/**\n * Text.\n *\n * <!-- snippet: S.java#inner -->\n * <pre>{@code\n * if (x > 0) {\n *     System.out.println(x);\n * }\n * }</pre>\n */";
        assertEquals(List.of(), snippets.checkJavadoc("A.java", ok));
        assertProblem("differs", snippets.checkJavadoc("A.java", ok.replace("println(x)", "println(y)")));
        assertProblem("without a <!-- snippet", snippets.checkJavadoc("A.java", ok.replace(" * <!-- snippet: S.java#inner -->\n", "")));
        assertEquals(List.of(), snippets.checkJavadoc("A.java", ok.replace("snippet: S.java#inner", "outline")));
    }

    @Test
    void everyListedCopyIsChecked() {
        assertProblem("cannot read T.java", snippets.checkMarkdown("d.md",
                markdown("<!-- snippet: S.java#hello T.java#hello -->", HELLO), true));
    }

    private static void assertProblem(String expected, List<String> problems) {
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(expected), problems.get(0));
    }
}
