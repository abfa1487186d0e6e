package org.stm4j.spi;

/** How the engine runs the next attempt of a block, as chosen by a {@link ContentionManager}. */
public enum AttemptMode {
    /** Invisible, validated reads; the common case. */
    OPTIMISTIC,
    /**
     * Reads are made visible and carry {@link TxnView#priority()}: a committing writer with a lower
     * priority that would overwrite one of them aborts itself instead of invalidating the reader.
     * Falls back to {@link #OPTIMISTIC} when every visible-reader slot is taken.
     */
    PRIORITY,
    /** The attempt cannot abort: it holds the global irrevocability token; see {@code Stm.becomeIrrevocable()}. */
    IRREVOCABLE
}
