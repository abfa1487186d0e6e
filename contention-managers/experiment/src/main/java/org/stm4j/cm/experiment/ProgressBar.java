package org.stm4j.cm.experiment;

import java.io.PrintStream;

/**
 * Progress of the experiment on standard error. On a terminal one line is redrawn with {@code \r}:
 * a bar, the cell count, the running cell and the estimated time left. Elsewhere (a pipe, a CI log)
 * carriage returns would pile up, so it prints a plain line each time another tenth of the cells
 * has started.
 */
final class ProgressBar implements Experiment.Listener {
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private int lastTenth = -1;
    private int lastLength;

    /**
     * @param out         where to draw (standard error)
     * @param interactive whether {@code out} is a terminal that understands {@code \r}
     */
    ProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public void starting(int index, int total, String workload, String manager, int threads) {
        String cell = workload + " / " + manager + " / " + threads + (threads == 1 ? " thread" : " threads");
        if (interactive) {
            int filled = WIDTH * index / total;
            String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + (index + 1) + "/" + total
                    + "  " + cell + eta(index, total);
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            out.flush();
        } else {
            int tenth = 10 * index / total;
            if (tenth != lastTenth) {
                lastTenth = tenth;
                out.println("progress: cell " + (index + 1) + "/" + total + " (" + (100 * index / total) + "%) " + cell
                        + eta(index, total));
            }
        }
    }

    private String eta(int done, int total) {
        if (done == 0) {
            return "";
        }
        long elapsed = System.nanoTime() - startNanos;
        long leftSeconds = elapsed / done * (total - done) / 1_000_000_000L;
        return String.format("  ~%dm%02ds left", leftSeconds / 60, leftSeconds % 60);
    }

    @Override
    public void finished() {
        long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
        if (interactive) {
            out.print("\r" + " ".repeat(lastLength) + "\r");
        }
        out.println(String.format("experiment done in %dm%02ds", seconds / 60, seconds % 60));
        out.flush();
    }
}
