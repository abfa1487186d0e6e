package org.stm4j.jmh.peers;

import org.stm4j.jmh.collections.Boxes;

/**
 * The increment of the counter workloads without allocation: {@code next(v)} is the preallocated
 * box of {@code (v + 1) mod 4096}, so every implementation stores the same shared {@code Long}s and
 * the allocation {@code -prof gc} reports is the implementation's own.
 */
final class Values {
    private Values() {
    }

    /** The box of {@code (value + 1) mod} {@value Boxes#SIZE}. */
    static Long next(Long value) {
        return Boxes.VALUES[(int) (value + 1) & (Boxes.SIZE - 1)];
    }
}
