package org.stm4j;

import java.util.Map;
import org.stm4j.internal.report.AbortCounts;

/**
 * A snapshot of process-wide transaction statistics; see {@link Stm#stats()}.
 * The counters are kept per transaction context (one per platform thread, one per running block on
 * a virtual thread) and summed on request, so they cost no shared write.
 * A snapshot taken while transactions run is approximate: counters are not read at one instant,
 * and the counts of a thread that just died may be missing for a moment (never counted twice).
 */
public final class StmStats {
    private final long commits;
    private final long readOnlyCommits;
    private final long irrevocableCommits;
    private final AbortCounts aborts;
    private final long listenerFailures;

    StmStats(long commits, long readOnlyCommits, long irrevocableCommits, AbortCounts aborts, long listenerFailures) {
        this.commits = commits;
        this.readOnlyCommits = readOnlyCommits;
        this.irrevocableCommits = irrevocableCommits;
        this.aborts = aborts;
        this.listenerFailures = listenerFailures;
    }

    /**
     * Committed top-level transactions, including each non-transactional {@code TVar.set} (a
     * non-transactional {@code get} is not counted).
     *
     * @return the number of commits
     */
    public long commits() {
        return commits;
    }

    /**
     * Of {@link #commits()}, those that wrote nothing.
     *
     * @return the number of read-only commits
     */
    public long readOnlyCommits() {
        return readOnlyCommits;
    }

    /**
     * Of {@link #commits()}, those that ran irrevocably (all or part of the last attempt).
     *
     * @return the number of irrevocable commits
     */
    public long irrevocableRuns() {
        return irrevocableCommits;
    }

    /**
     * Rolled-back attempts for the given cause.
     *
     * @param cause the cause
     * @return the number of attempts rolled back for {@code cause}
     * @throws NullPointerException if {@code cause} is null
     */
    public long aborts(AbortCause cause) {
        return aborts.of(cause);
    }

    /**
     * Exceptions thrown by {@link StmListener}s, caught by the engine (see {@link StmListener}).
     *
     * @return the number of listener calls that threw
     */
    public long listenerFailures() {
        return listenerFailures;
    }

    /**
     * Conflict aborts: every cause except {@link AbortCause#RETRY} and {@link AbortCause#EXCEPTION}.
     *
     * @return the number of attempts rolled back by a conflict
     */
    public long conflictAborts() {
        long sum = 0;
        for (AbortCause c : AbortCause.values()) {
            if (c != AbortCause.RETRY && c != AbortCause.EXCEPTION) {
                sum += aborts.of(c);
            }
        }
        return sum;
    }

    /**
     * Blocking {@link Stm#retry()} waits (same as {@code aborts(AbortCause.RETRY)}).
     *
     * @return the number of retries
     */
    public long retries() {
        return aborts.of(AbortCause.RETRY);
    }

    /**
     * Aborts by cause, every cause present.
     *
     * @return a new mutable map from every {@link AbortCause} to its count
     */
    public Map<AbortCause, Long> abortsByCause() {
        return aborts.asMap();
    }

    /**
     * The difference {@code this - earlier}, counter by counter: what happened in between.
     *
     * @param earlier a snapshot taken before this one
     * @return the counts of the interval
     * @throws NullPointerException if {@code earlier} is null
     */
    public StmStats minus(StmStats earlier) {
        return new StmStats(commits - earlier.commits, readOnlyCommits - earlier.readOnlyCommits,
                irrevocableCommits - earlier.irrevocableCommits, aborts.minus(earlier.aborts),
                listenerFailures - earlier.listenerFailures);
    }

    @Override
    public String toString() {
        return "StmStats[commits=" + commits + ", readOnly=" + readOnlyCommits + ", irrevocable="
                + irrevocableCommits + ", aborts=" + abortsByCause() + (listenerFailures == 0 ? "" : ", listenerFailures="
                + listenerFailures) + "]";
    }
}
