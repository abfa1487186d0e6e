package org.stm4j.internal.report;

import java.util.EnumMap;
import java.util.Map;
import org.stm4j.AbortCause;

/** Aborts by cause: an immutable tally, the typed form in which the engine hands counts out. */
public final class AbortCounts {
    private static final AbortCause[] CAUSES = AbortCause.values();
    private final long[] byCause;

    /** Takes ownership of {@code byCause}, indexed by {@link AbortCause#ordinal()}. */
    AbortCounts(long[] byCause) {
        this.byCause = byCause;
    }

    /** A tally built cause by cause. */
    public static final class Builder {
        private final long[] byCause = new long[CAUSES.length];

        /** Adds {@code n} aborts of {@code cause}. */
        public Builder add(AbortCause cause, long n) {
            byCause[cause.ordinal()] += n;
            return this;
        }

        public AbortCounts build() {
            return new AbortCounts(byCause.clone());
        }
    }

    /** The aborts of {@code cause}. */
    public long of(AbortCause cause) {
        return byCause[cause.ordinal()];
    }

    /** All aborts, retries and exceptions included. */
    public long total() {
        long sum = 0;
        for (long n : byCause) {
            sum += n;
        }
        return sum;
    }

    /** This tally minus {@code earlier}, cause by cause. */
    public AbortCounts minus(AbortCounts earlier) {
        long[] d = new long[byCause.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = byCause[i] - earlier.byCause[i];
        }
        return new AbortCounts(d);
    }

    /** As a map with every cause present. */
    public Map<AbortCause, Long> asMap() {
        Map<AbortCause, Long> m = new EnumMap<>(AbortCause.class);
        for (AbortCause c : CAUSES) {
            m.put(c, byCause[c.ordinal()]);
        }
        return m;
    }
}
