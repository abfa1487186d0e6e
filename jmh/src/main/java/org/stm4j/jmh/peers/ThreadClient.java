package org.stm4j.jmh.peers;

/**
 * Base of the benchmarks' per-thread states: holds the thread's client of the shared structure,
 * created on the thread's first operation so that it counts into that thread's {@link Outcomes}
 * (JMH cannot inject the {@code @AuxCounters} state into another state's setup). One null check per
 * operation, always false after the first.
 *
 * @param <C> the client type of the workload family
 */
abstract class ThreadClient<C> {
    private C client;

    /** A new client of the shared structure counting into {@code tally}. */
    abstract C newClient(Tally tally);

    /** This thread's client. */
    final C client(Outcomes outcomes) {
        C c = client;
        if (c == null) {
            c = newClient(outcomes.tally);
            client = c;
        }
        return c;
    }
}
