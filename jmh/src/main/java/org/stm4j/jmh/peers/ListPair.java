package org.stm4j.jmh.peers;

import java.util.List;

/** Workload family 2: two lists; a transfer pops the last item of one and appends it to the other. */
interface ListPair {

    /** A client for the calling thread, counting its attempts in {@code tally}. */
    Client client(Tally tally);

    /** Every item of both lists (outside any transaction, after the threads stopped). */
    List<Integer> items();

    /** One thread's operations on the lists. */
    interface Client {
        /** Atomically pops the last item of the first list ({@code forth}) or the second and appends it to the other. */
        void transfer(boolean forth);
    }
}
