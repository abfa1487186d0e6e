package org.stm4j.jmh.peers;

import java.util.Map;

/** Workload family 4: two dicts over the same keys, each updated from the other ({@code a.update(b)}). */
interface DictPair {

    /** A client for the calling thread, counting its attempts in {@code tally}. */
    Client client(Tally tally);

    /** Copies of the contents of the first ({@code 0}) and second ({@code 1}) dict. */
    Map<Integer, Long> contents(int which);

    /** One thread's operations on the dicts. */
    interface Client {
        /** {@code first.update(second)} ({@code forth}) or {@code second.update(first)}, atomically. */
        void update(boolean forth);
    }
}
