package org.stm4j.cm.experiment;

import org.stm4j.Stm;

/**
 * What one worker thread measures in one cell. Written only by its thread while the cell runs and
 * read by the coordinator after joining it, so the fields are plain (the join orders them); nothing
 * is shared between workers, so counting causes no cache-line traffic of its own.
 *
 * <p>Protocol, per operation (one atomic block):
 * <pre>{@code
 *   probe.beginOperation(now)          // before atomic(...)
 *   atomic(() -> { probe.attempt(); ... })   // first statement of the block body
 *   probe.committed(now)               // after atomic(...) returned
 * }</pre>
 * {@link #attempt()} runs once per attempt because the engine re-runs the body on every retry, so
 * attempts per commit are counted where they happen, whatever the contention manager does. An
 * attempt that starts already irrevocable was escalated by the engine (or restarted after a failed
 * {@code becomeIrrevocable}); one that ends irrevocable committed irrevocably.
 */
final class Probe {
    private final Histogram latencyNanos = new Histogram();
    private final Histogram attemptsPerCommit = new Histogram();
    private long commits;
    private long attempts;
    private long escalations;
    private long irrevocableCommits;
    private long longestGapNanos;
    private long lastCommitNanos;
    private long operationStartNanos;
    private int attemptsThisOperation;

    /** Forgets everything measured so far and starts the starvation clock at {@code nowNanos}. */
    void reset(long nowNanos) {
        latencyNanos.reset();
        attemptsPerCommit.reset();
        commits = 0;
        attempts = 0;
        escalations = 0;
        irrevocableCommits = 0;
        longestGapNanos = 0;
        lastCommitNanos = nowNanos;
    }

    /** An operation (one atomic block) is about to start. */
    void beginOperation(long nowNanos) {
        operationStartNanos = nowNanos;
        attemptsThisOperation = 0;
    }

    /** Called first thing in the block body: one more attempt of the current operation. */
    void attempt() {
        attemptsThisOperation++;
        attempts++;
        if (Stm.isIrrevocable()) {
            escalations++;
        }
    }

    /** Called last thing in the block body of a committing attempt, to note an irrevocable commit. */
    void endOfBody() {
        if (Stm.isIrrevocable()) {
            irrevocableCommits++;
        }
    }

    /** The operation's block committed at {@code nowNanos}. */
    void committed(long nowNanos) {
        commits++;
        latencyNanos.record(nowNanos - operationStartNanos);
        attemptsPerCommit.record(attemptsThisOperation);
        noteGap(nowNanos);
        lastCommitNanos = nowNanos;
    }

    /** The measurement ended at {@code nowNanos}: a thread still waiting for its commit was starving until then. */
    void finish(long nowNanos) {
        noteGap(nowNanos);
    }

    private void noteGap(long nowNanos) {
        long gap = nowNanos - lastCommitNanos;
        if (gap > longestGapNanos) {
            longestGapNanos = gap;
        }
    }

    Histogram latencyNanos() {
        return latencyNanos;
    }

    Histogram attemptsPerCommit() {
        return attemptsPerCommit;
    }

    long commits() {
        return commits;
    }

    long attempts() {
        return attempts;
    }

    long escalations() {
        return escalations;
    }

    long irrevocableCommits() {
        return irrevocableCommits;
    }

    long longestGapNanos() {
        return longestGapNanos;
    }
}
