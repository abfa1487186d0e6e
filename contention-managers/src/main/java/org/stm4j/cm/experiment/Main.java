package org.stm4j.cm.experiment;

/**
 * The main job of the README: today the transfer demo ({@link TransferDemo}); the contention-manager
 * experiment joins it with its own issue.
 *
 * <p>Usage: {@code Main [transfersPerThread]} (default 200000).
 */
public final class Main {
    private Main() {
    }

    /** Runs the demo. */
    public static void main(String[] args) throws InterruptedException {
        int perThread = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        if (perThread < 1) {
            throw new IllegalArgumentException("transfersPerThread must be positive, was " + perThread);
        }
        TransferDemo.main(perThread);
    }
}
