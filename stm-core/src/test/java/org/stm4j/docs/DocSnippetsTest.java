package org.stm4j.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code sample in the README, the guide and the public javadoc is a copy of a region of a
 * compiled, tested source file (see {@link DocSnippets} for the protocol). The other documents under
 * {@code docs/} are checked wherever they carry a marker.
 */
class DocSnippetsTest {
    /** The packages whose javadoc is public API (the doclint set of the parent pom). */
    private static final List<String> PUBLIC_SOURCE_DIRS = List.of(
            "stm-core/src/main/java/org/stm4j",
            "stm-core/src/main/java/org/stm4j/spi",
            "stm-collections/src/main/java/org/stm4j/collections",
            "contention-managers/src/main/java/org/stm4j/cm");

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private final DocSnippets snippets = DocSnippets.under(ROOT);

    @Test
    void readmeAndGuideSamplesAreCompiledRegions() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String doc : List.of("README.md", "docs/guide.md")) {
            problems.addAll(snippets.checkMarkdown(doc, Files.readString(ROOT.resolve(doc)), true));
        }
        assertNoProblems(problems);
    }

    @Test
    void markedSamplesInOtherDocsAreCompiledRegions() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            for (Path doc : (Iterable<Path>) docs.filter(p -> p.toString().endsWith(".md"))::iterator) {
                if (!doc.getFileName().toString().equals("guide.md")) {
                    problems.addAll(snippets.checkMarkdown(ROOT.relativize(doc).toString(), Files.readString(doc), false));
                }
            }
        }
        assertNoProblems(problems);
    }

    @Test
    void javadocSamplesOfThePublicApiAreCompiledRegions() throws IOException {
        List<String> problems = new ArrayList<>();
        int files = 0;
        for (String dir : PUBLIC_SOURCE_DIRS) {
            try (Stream<Path> sources = Files.list(ROOT.resolve(dir))) {
                for (Path source : (Iterable<Path>) sources.filter(p -> p.toString().endsWith(".java"))::iterator) {
                    problems.addAll(snippets.checkJavadoc(ROOT.relativize(source).toString(), Files.readString(source)));
                    files++;
                }
            }
        }
        assertTrue(files > 20, "found only " + files + " public sources under " + ROOT);
        assertNoProblems(problems);
    }

    private static void assertNoProblems(List<String> problems) {
        assertTrue(problems.isEmpty(), problems.size() + " documentation sample(s) drifted from the compiled code:\n"
                + String.join("\n\n", problems));
    }
}
