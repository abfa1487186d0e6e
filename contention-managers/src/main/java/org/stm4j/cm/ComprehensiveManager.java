package org.stm4j.cm;

import org.stm4j.AbortCause;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * {@code "comprehensive"}: the combined strategy of Spear, Dalessandro, Marathe &amp; Scott, "A
 * Comprehensive Strategy for Contention Management in Software Transactional Memory", PPoPP 2009.
 *
 * <p><b>Rule.</b> Lazy acquisition (locks only at commit) plus timestamp extension avoid most
 * conflicts outright; what remains is handled by priority:
 * <ul>
 *   <li>a transaction starts with priority 0; each consecutive abort after the first
 *       {@value #PRIORITY_FROM} raises it by one, and randomized exponential backoff
 *       ({@value #BASE_NANOS} ns doubling to {@value #MAX_NANOS} ns) spaces out the re-runs;</li>
 *   <li>only prioritized transactions make their reads visible (a side table of reader bitmaps), so
 *       the common case pays nothing for them, and a committing writer learns from one global word
 *       whether any exist;</li>
 *   <li>a committing writer that would overwrite a visible read of a higher-priority transaction
 *       yields to it (here: aborts itself);</li>
 *   <li>irrevocability is the top priority: at priority {@value #TOP_PRIORITY} the transaction runs
 *       irrevocably and cannot fail.</li>
 * </ul>
 *
 * <p><b>In a lazy STM</b> — which is what the paper assumes, so the rule maps one to one onto stm4j's
 * {@code PRIORITY} mode (visible reads in {@code VisibleReads}, the "priority transactions exist"
 * count on the clock's cache line) and its irrevocability token. A lock met at read or commit time
 * belongs to a committer about to finish: it is waited on for {@value LazyMapping#HANDOFF_ROUNDS}
 * rounds, then the attempt aborts. The policy needs nothing beyond the base SPI. Every block commits by
 * attempt {@code PRIORITY_FROM + TOP_PRIORITY + 1} (one more if becoming irrevocable must restart).
 * Stateless: one instance serves every thread.
 */
public final class ComprehensiveManager implements ContentionManager {
    /** Consecutive aborts before priority starts to grow. */
    static final int PRIORITY_FROM = 2;
    /** The priority at which a transaction becomes irrevocable. */
    static final int TOP_PRIORITY = 8;
    /** The first back-off interval. */
    static final long BASE_NANOS = 1_000;
    /** The longest back-off interval. */
    static final long MAX_NANOS = 500_000;

    private final ExponentialBackoff backoff;

    /** The comprehensive strategy. */
    public ComprehensiveManager() {
        this(Pause.PARK);
    }

    ComprehensiveManager(Pause pause) {
        this.backoff = ExponentialBackoff.jittered(BASE_NANOS, MAX_NANOS, pause);
    }

    /**
     * The short name.
     *
     * @return {@code "comprehensive"}
     */
    @Override
    public String name() {
        return "comprehensive";
    }

    /**
     * Backs off, then raises the priority by one per abort past {@value #PRIORITY_FROM}; irrevocable at
     * the top.
     *
     * @param tx    the transaction that aborted
     * @param cause why it aborted
     * @return the next attempt's mode
     */
    @Override
    public AttemptMode onAbort(TxnView tx, AbortCause cause) {
        int aborts = tx.consecutiveAborts();
        if (aborts - PRIORITY_FROM >= TOP_PRIORITY) {
            return AttemptMode.IRREVOCABLE;
        }
        backoff.backOff(aborts - 1);
        return aborts > PRIORITY_FROM ? AttemptMode.PRIORITY : AttemptMode.OPTIMISTIC;
    }

    /**
     * The priority: consecutive aborts past {@value #PRIORITY_FROM}.
     *
     * @param tx the transaction
     * @return its priority, 1 .. {@value #TOP_PRIORITY} - 1 when it runs prioritized
     */
    @Override
    public int priorityOf(TxnView tx) {
        return Math.max(0, tx.consecutiveAborts() - PRIORITY_FROM);
    }

    /**
     * A committer yields to a reader of higher priority.
     *
     * @param tx             the committing transaction
     * @param readerPriority the reader's priority
     * @return whether {@code tx} aborts in favour of the reader
     */
    @Override
    public boolean yieldsTo(TxnView tx, int readerPriority) {
        return readerPriority > tx.priority();
    }

    /**
     * Waits for the committer for a hand-off, then aborts.
     *
     * @param tx       the transaction that met the lock
     * @param spins    rounds waited so far
     * @param atCommit whether {@code tx} is committing
     * @return whether to keep waiting
     */
    @Override
    public boolean onLocked(TxnView tx, int spins, boolean atCommit) {
        return spins < LazyMapping.HANDOFF_ROUNDS;
    }
}
