package org.stm4j.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agrona.concurrent.IdleStrategy;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * The SPEC's process-wide selection: with this module on the class path, running an application with
 * {@code -Dstm4j.contentionManager=NAME} makes every block without its own configuration use the
 * policy called NAME — each of the twelve, in a fresh JVM each (the property is read once per JVM) —
 * and an unknown name is refused with the list of known ones.
 */
class PropertySelectionTest {

    @Test
    void everyPolicyIsSelectableByTheSystemProperty() throws Exception {
        for (String name : ModuleExportsTest.REQUIRED) {
            String out = runWith(name);
            assertEquals("OK manager=" + name + " x=1", out.strip(), name);
        }
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownNames() throws Exception {
        String out = runWith("no-such-policy");
        assertTrue(out.contains("unknown contention manager 'no-such-policy'"), out);
        assertTrue(out.contains("karma") && out.contains("comprehensive"), out);
    }

    private static String runWith(String name) throws Exception {
        // the policies' runtime dependencies: stm-core and Agrona
        String classPath = String.join(File.pathSeparator, location(TVar.class), location(PolicyRegistry.class),
                location(IdleStrategy.class), location(Main.class));
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dstm4j.contentionManager=" + name, "-cp", classPath, Main.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "forked JVM did not exit");
        return out;
    }

    private static String location(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** Runs one block with the default configuration and prints the manager it used. */
    public static final class Main {
        private Main() {
        }

        /**
         * Entry point of the forked JVM.
         *
         * @param args unused
         */
        public static void main(String[] args) {
            try {
                TVar<Integer> x = new TVar<>(0);
                Stm.atomic(() -> x.set(x.get() + 1));
                System.out.println("OK manager=" + Stm.defaultConfig().contentionManager().name() + " x=" + x.get());
            } catch (RuntimeException | ExceptionInInitializerError e) {
                System.out.println(e);
                System.exit(3);
            }
        }
    }
}
