package org.stm4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stm4j.Stm.atomic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * The README's example, compiled and run; and a check that the README still shows exactly this code
 * (the region between the README markers below), so that neither can rot.
 */
class ReadmeExampleTest {

    @Test
    void exampleRunsAndConservesMoney() throws InterruptedException {
        // README-BEGIN
        TVar<Integer> alice = new TVar<>(100), bob = new TVar<>(0);

        Runnable transfer = () -> atomic(() -> {       // all or nothing, never half
            alice.set(alice.get() - 1);
            bob.set(bob.get() + 1);
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> { for (int j = 0; j < 25; j++) transfer.run(); });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();

        int total = atomic(() -> alice.get() + bob.get());  // a consistent snapshot
        System.out.println("alice=" + alice.get() + " bob=" + bob.get() + " total=" + total);
        System.out.println(Stm.stats());                     // commits, aborts by cause, ...
        // README-END
        assertEquals(0, alice.get());
        assertEquals(100, bob.get());
        assertEquals(100, total);
    }

    @Test
    void readmeShowsThisExample() throws IOException {
        String test = Files.readString(Path.of("src/test/java/org/stm4j/docs/ReadmeExampleTest.java"));
        String region = test.substring(test.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
                test.indexOf("        // README-END"));
        String readme = Files.readString(Path.of("../README.md"));
        assertEquals(normalize(region), normalize(between(readme, "<!-- example-begin -->", "<!-- example-end -->")),
                "README.md's example differs from ReadmeExampleTest's README region");
    }

    private static String between(String text, String begin, String end) {
        String inner = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end));
        List<String> lines = new ArrayList<>();
        for (String line : inner.split("\n")) {
            if (!line.startsWith("```") && !line.startsWith("import ")) {
                lines.add(line);
            }
        }
        return String.join("\n", lines);
    }

    private static String normalize(String code) {
        StringBuilder sb = new StringBuilder();
        for (String line : code.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                sb.append(t).append('\n');
            }
        }
        return sb.toString();
    }
}
