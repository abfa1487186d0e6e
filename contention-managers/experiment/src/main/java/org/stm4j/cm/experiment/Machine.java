package org.stm4j.cm.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** One line naming the JVM and the machine, for the output (results mean nothing without it). */
final class Machine {
    private Machine() {
    }

    static String describe() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs (" + cpuModel() + "), "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch");
    }

    private static String cpuModel() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                List<String> lines = Files.readAllLines(cpuinfo);
                for (String line : lines) {
                    if (line.startsWith("model name")) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "model unknown";
        }
        return "model unknown";
    }
}
