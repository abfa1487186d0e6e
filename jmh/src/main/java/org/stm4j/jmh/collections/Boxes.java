package org.stm4j.jmh.collections;

/**
 * Preallocated boxes, so that choosing a key or storing a fixed value allocates nothing in the
 * benchmark harness: {@code Integer.valueOf} and {@code Long.valueOf} cache only -128..127. Shared
 * and never written after class initialization.
 */
public final class Boxes {
    /** How many keys (and values) there are: the key space of the dict benchmarks. */
    public static final int SIZE = 4096;

    /** {@code KEYS[i]} is {@code Integer.valueOf(i)}. */
    public static final Integer[] KEYS = new Integer[SIZE];

    /** {@code VALUES[i]} is {@code Long.valueOf(i)}. */
    public static final Long[] VALUES = new Long[SIZE];

    static {
        for (int i = 0; i < SIZE; i++) {
            KEYS[i] = i;
            VALUES[i] = (long) i;
        }
    }

    private Boxes() {
    }
}
