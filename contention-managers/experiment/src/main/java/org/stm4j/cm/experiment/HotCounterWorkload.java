package org.stm4j.cm.experiment;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;

/**
 * {@code hot-counter}: every operation increments one shared {@link TVar} {@code txnLength} times:
 * 100% conflict, the worst case for optimistic concurrency and the clearest view of what a
 * contention manager does when every pair of transactions collides.
 *
 * <p>Invariant: the counter equals the increments the workers saw commit (each worker counts its
 * own, so the check shares nothing with the measured loop).
 */
final class HotCounterWorkload implements Workload {
    static final String NAME = "hot-counter";

    private final TVar<Long> counter = new TVar<>(0L, "hot-counter");
    private final int txnLength;
    private final List<Incrementer> workers = new CopyOnWriteArrayList<>();

    HotCounterWorkload(WorkloadParams params) {
        this.txnLength = params.txnLength();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
        Incrementer worker = new Incrementer(probe, config);
        workers.add(worker);
        return worker;
    }

    private final class Incrementer implements Worker {
        private final Probe probe;
        private final TxnConfig config;
        private final Runnable body = this::increment;
        private long committedIncrements;

        Incrementer(Probe probe, TxnConfig config) {
            this.probe = probe;
            this.config = config;
        }

        @Override
        public void step() {
            config.atomic(body);
            committedIncrements += txnLength;
        }

        private void increment() {
            probe.attempt();
            for (int i = 0; i < txnLength; i++) {
                counter.set(counter.get() + 1);
            }
            probe.endOfBody();
        }
    }

    @Override
    public void verify() {
        long expected = 0;
        for (Incrementer w : workers) {
            expected += w.committedIncrements;
        }
        long actual = counter.get();
        if (actual != expected) {
            throw new InvariantViolation(NAME + ": counter is " + actual + ", workers committed " + expected
                    + " increments");
        }
    }

    @Override
    public void corruptForTest() {
        counter.set(counter.get() + 1);
    }
}
