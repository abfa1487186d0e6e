package org.stm4j.jmh.collections;

/**
 * A per-thread pseudo-random source for keys and indices: Marsaglia's xorshift64 (13, 7, 17),
 * a few shifts and xors per number, no shared state (so no contention between benchmark threads,
 * unlike a shared {@code java.util.Random}) and no allocation. Statistical quality is irrelevant
 * here. {@link #nextInt} maps the high 32 bits onto any range by a multiply and a shift
 * (Lemire's reduction) instead of a division.
 */
public final class XorShift {
    private long state;

    /** A generator whose sequence depends on {@code seed} (any value, zero included). */
    public XorShift(long seed) {
        long s = (seed + 1) * 0x9E37_79B9_7F4A_7C15L;
        state = s == 0 ? 0x2545_F491_4F6C_DD1DL : s;
    }

    /** The next 64 pseudo-random bits (never all zero). */
    public long nextLong() {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return x;
    }

    /** Uniform in {@code [0, bound)}, for {@code 0 < bound <= 2^31 - 1}. */
    public int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }
}
