package org.stm4j.internal.report;

/** Placeholder: the conflict report's switch (filled in by issue 15's engine work). */
public final class ConflictReport {
    private static volatile boolean enabled = Boolean.getBoolean("stm4j.conflictReport");

    private ConflictReport() {
    }

    public static boolean isEnabled() {
        return enabled;
    }

    public static void setEnabled(boolean on) {
        enabled = on;
    }
}
