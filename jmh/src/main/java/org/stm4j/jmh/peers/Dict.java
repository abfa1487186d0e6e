package org.stm4j.jmh.peers;

import java.util.Map;

/** Workload family 3: one dict from {@code Integer} keys to {@code Long} values, all keys present. */
interface Dict {

    /** A client for the calling thread, counting its attempts in {@code tally}. */
    Client client(Tally tally);

    /** A copy of the contents (outside any transaction, after the threads stopped). */
    Map<Integer, Long> contents();

    /** One thread's operations on the dict. */
    interface Client {
        /** {@code d[key]}: one atomic lookup (for the STMs a single-operation transaction). */
        Long get(Integer key);

        /** {@code d[key] = value}: one atomic store. */
        void put(Integer key, Long value);

        /** {@code d[key] = Values.next(d[key])}, atomically. */
        void increment(Integer key);

        /** {@code d[from] -= amount; d[to] += amount}, atomically. */
        void transfer(Integer from, Integer to, long amount);

        /** The sum of all values, in one read-only transaction (a consistent snapshot). */
        long sum();
    }
}
