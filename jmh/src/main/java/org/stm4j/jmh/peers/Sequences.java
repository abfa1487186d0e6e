package org.stm4j.jmh.peers;

import org.stm4j.jmh.collections.XorShift;

/**
 * Per-thread random sequences, precomputed in {@code @Setup} so the measured loop only indexes an
 * array: {@value #LENGTH} entries (32 KiB of {@code int}s, cache-resident), cycled through with a
 * mask. Each thread seeds its own generator with its index, so threads neither share an RNG nor
 * draw the same sequence.
 */
final class Sequences {
    /** Entries in a sequence; a power of two. */
    static final int LENGTH = 8192;
    /** {@code index & MASK} wraps an index into a sequence. */
    static final int MASK = LENGTH - 1;

    private Sequences() {
    }

    /** {@value #LENGTH} numbers uniform in {@code [0, bound)}, from the generator seeded with {@code seed}. */
    static int[] uniform(long seed, int bound) {
        XorShift random = new XorShift(seed);
        int[] sequence = new int[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            sequence[i] = random.nextInt(bound);
        }
        return sequence;
    }
}
