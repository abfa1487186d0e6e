package org.stm4j.jmh.peers;

/** Workload family 1: one transactional variable (a {@code Long}), read alone or incremented. */
interface SharedVar {

    /** A client for the calling thread, counting its attempts in {@code tally}. */
    Client client(Tally tally);

    /** The current value (outside any transaction). */
    Long value();

    /** One thread's operations on the variable. */
    interface Client {
        /** A read-only transaction reading the variable. */
        Long read();

        /** A transaction storing {@code Values.next(current)}: one read, one write. */
        void increment();
    }
}
