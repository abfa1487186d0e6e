package org.stm4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Compiles and runs {@code src/test/jdk21/.../VirtualThreadsSample.java} (the guide's virtual-thread
 * sample) on JDK 21+. The module is built for release 17, so Maven cannot compile that file; this test
 * does it with the running JDK's compiler against {@code target/classes}, and is skipped on JDK 17.
 */
@Timeout(120)
class VirtualThreadsSnippetTest {

    @Test
    void sampleCompilesAndRunsOnJdk21OrLater() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        ToolProvider javac = ToolProvider.findFirst("javac").orElse(null);
        assertNotNull(javac, "no javac in this runtime (a JRE?)");
        Path source = Path.of("src/test/jdk21/org/stm4j/docs/VirtualThreadsSample.java");
        Path out = Files.createTempDirectory("stm4j-vt");
        StringWriter diagnostics = new StringWriter();
        PrintWriter log = new PrintWriter(diagnostics);
        int status = javac.run(log, log, "-Xlint:all", "-Werror", "-d", out.toString(),
                "-cp", Path.of("target/classes").toString(), source.toString());
        assertEquals(0, status, diagnostics.toString());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
            Object count = loader.loadClass("org.stm4j.docs.VirtualThreadsSample").getMethod("run").invoke(null);
            assertEquals(10_000, count);
        }
    }
}
