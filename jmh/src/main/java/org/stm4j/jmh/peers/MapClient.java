package org.stm4j.jmh.peers;

import java.util.Map;
import java.util.function.Supplier;

/**
 * One thread's operations on a dict that is a {@link Map} (stm4j's {@code TDict}, ScalaSTM's
 * {@code TMap.View}, a locked {@code HashMap}): the compound operations are built once here over
 * {@link MapOps}, counting each block entry as an attempt, and each implementation only says how to
 * run a block atomically. {@code get} and {@code put} are single operations as they are; an
 * implementation that must guard them (the locks) overrides them.
 */
abstract class MapClient extends DictArguments {
    final Map<Integer, Long> d;
    final Tally tally;
    private final Runnable increment;
    private final Runnable transfer;
    /** The sum of all values, counting an attempt; run it with {@link #sumAtomically()}. */
    final Supplier<Long> sum;

    MapClient(Map<Integer, Long> d, Tally tally) {
        this.d = d;
        this.tally = tally;
        increment = () -> {
            tally.attempts++;
            MapOps.increment(d, key);
        };
        transfer = () -> {
            tally.attempts++;
            MapOps.transfer(d, key, to, amount);
        };
        sum = () -> {
            tally.attempts++;
            return MapOps.sum(d);
        };
    }

    /** Runs {@code block} (one of this client's blocks) as one atomic unit. */
    abstract void atomically(Runnable block);

    /** Runs {@link #sum} as one atomic unit. */
    abstract long sumAtomically();

    @Override
    public Long get(Integer k) {
        tally.attempts++;
        return d.get(k);
    }

    @Override
    public void put(Integer k, Long v) {
        tally.attempts++;
        d.put(k, v);
    }

    @Override
    public final void increment(Integer k) {
        key = k;
        atomically(increment);
    }

    @Override
    public final void transfer(Integer from, Integer t, long a) {
        key = from;
        to = t;
        amount = a;
        atomically(transfer);
    }

    @Override
    public final long sum() {
        return sumAtomically();
    }
}
