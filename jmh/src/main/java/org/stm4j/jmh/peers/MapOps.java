package org.stm4j.jmh.peers;

import java.util.Map;

/**
 * The dict workloads written once against {@code java.util.Map}, for the implementations whose dict
 * is one: stm4j's {@code TDict}, ScalaSTM's {@code TMap.View} (as {@code STM.newMap()} returns it)
 * and the lock models' {@code HashMap}. The caller provides the atomicity (a transaction or a lock)
 * and the per-thread arguments.
 */
final class MapOps {
    private MapOps() {
    }

    /** {@code d[key] = Values.next(d[key])}. */
    static void increment(Map<Integer, Long> d, Integer key) {
        d.put(key, Values.next(d.get(key)));
    }

    /** {@code d[from] -= amount; d[to] += amount}. */
    static void transfer(Map<Integer, Long> d, Integer from, Integer to, long amount) {
        d.put(from, d.get(from) - amount);
        d.put(to, d.get(to) + amount);
    }

    /** The sum of all values, iterating {@code d.values()}. */
    static long sum(Map<Integer, Long> d) {
        long total = 0;
        for (Long v : d.values()) {
            total += v;
        }
        return total;
    }
}
