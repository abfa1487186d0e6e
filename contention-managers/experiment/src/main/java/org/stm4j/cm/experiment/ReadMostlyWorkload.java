package org.stm4j.cm.experiment;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.stm4j.Stm;
import org.stm4j.TxnConfig;
import org.stm4j.collections.TDict;

/**
 * {@code read-mostly}: a {@link TDict} of {@code dictKeys} counters; each operation is, with
 * probability {@code readPercent}, a read-only transaction reading {@code txnLength} random keys,
 * otherwise an update incrementing {@code txnLength} random keys. The common case of a shared
 * cache or configuration: conflicts are rare, and a contention manager should cost nothing here.
 *
 * <p>Invariant: the sum of all counters equals the increments the workers saw commit.
 */
final class ReadMostlyWorkload implements Workload {
    static final String NAME = "read-mostly";

    private final TDict<Integer, Long> dict = new TDict<>("read-mostly");
    private final WorkloadParams params;
    private final List<Client> workers = new CopyOnWriteArrayList<>();

    ReadMostlyWorkload(WorkloadParams params) {
        this.params = params;
        Stm.atomic(() -> {
            for (int i = 0; i < params.dictKeys(); i++) {
                dict.setItem(i, 0L);
            }
        });
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
        Client worker = new Client(random, probe, config);
        workers.add(worker);
        return worker;
    }

    private final class Client implements Worker {
        private final SplittableRandom random;
        private final Probe probe;
        private final TxnConfig config;
        private final TxnConfig readConfig;
        private final int[] keys = new int[params.txnLength()];
        private final Runnable read = this::read;
        private final Runnable update = this::update;
        private long committedIncrements;

        Client(SplittableRandom random, Probe probe, TxnConfig config) {
            this.random = random;
            this.probe = probe;
            this.config = config;
            this.readConfig = config.toBuilder().readOnly(true).build();
        }

        @Override
        public void step() {
            boolean reading = random.nextInt(100) < params.readPercent();
            for (int i = 0; i < keys.length; i++) {
                keys[i] = random.nextInt(params.dictKeys());
            }
            if (reading) {
                readConfig.atomic(read);
            } else {
                config.atomic(update);
                committedIncrements += keys.length;
            }
        }

        private void read() {
            probe.attempt();
            long sum = 0;
            for (int key : keys) {
                sum += dict.getItem(key);
            }
            if (sum < 0) {
                throw new InvariantViolation(NAME + ": counters can only grow, read a sum of " + sum);
            }
            probe.endOfBody();
        }

        private void update() {
            probe.attempt();
            for (int key : keys) {
                dict.setItem(key, dict.getItem(key) + 1);
            }
            probe.endOfBody();
        }
    }

    @Override
    public void verify() {
        long expected = 0;
        for (Client w : workers) {
            expected += w.committedIncrements;
        }
        long actual = Stm.atomic(() -> {
            long sum = 0;
            for (int i = 0; i < params.dictKeys(); i++) {
                sum += dict.getItem(i);
            }
            return sum;
        });
        if (actual != expected) {
            throw new InvariantViolation(NAME + ": counters sum to " + actual + ", workers committed " + expected
                    + " increments");
        }
    }

    @Override
    public void corruptForTest() {
        Stm.atomic(() -> dict.setItem(0, dict.getItem(0) + 1));
    }
}
