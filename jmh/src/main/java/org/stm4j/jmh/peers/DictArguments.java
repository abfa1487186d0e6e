package org.stm4j.jmh.peers;

/**
 * The arguments of one thread's current dict operation, kept in fields so that each client creates
 * its transaction blocks once and an operation captures (allocates) nothing. Written and read by the
 * owning thread only; a block re-run after an abort sees the same arguments.
 */
abstract class DictArguments implements Dict.Client {
    /** The key of {@code get}, {@code put}, {@code increment}; the source account of {@code transfer}. */
    Integer key;
    /** The target account of {@code transfer}. */
    Integer to;
    /** The value of {@code put}. */
    Long value;
    /** The amount of {@code transfer}. */
    long amount;
}
