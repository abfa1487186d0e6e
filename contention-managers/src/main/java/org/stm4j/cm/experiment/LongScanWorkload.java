package org.stm4j.cm.experiment;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.stm4j.TxnConfig;

/**
 * {@code long-scan}: the starvation case. {@code scanKeys} accounts in a
 * {@link org.stm4j.collections.TDict}; each operation is, with probability {@code scanPercent}, a
 * read-only scan over every account (iterating the dict's values and summing them), otherwise
 * {@code txnLength} short transfers between two random accounts. A scan reads every key, so any
 * transfer that commits while it runs can invalidate it: without help from the contention manager
 * (priority with visible reads, or irrevocability) a scan may abort again and again while short
 * writers keep committing. Watch the longest starvation and the attempts per commit.
 *
 * <p>Invariant: every scan sees the opening total (opacity: a consistent snapshot), and the total
 * is unchanged at the end.
 */
final class LongScanWorkload implements Workload {
    static final String NAME = "long-scan";

    private final Accounts accounts;
    private final WorkloadParams params;
    private final ViolationLog violations = new ViolationLog();

    LongScanWorkload(WorkloadParams params) {
        this.params = params;
        this.accounts = new Accounts(params.scanKeys(), 100);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
        return new Client(random, probe, config);
    }

    private final class Client implements Worker {
        private final SplittableRandom random;
        private final Probe probe;
        private final TxnConfig config;
        private final TxnConfig scanConfig;
        private final int[] from = new int[params.txnLength()];
        private final int[] to = new int[params.txnLength()];
        private final Runnable transfers = this::transfers;
        private final Supplier<Long> scan = this::scan;

        Client(SplittableRandom random, Probe probe, TxnConfig config) {
            this.random = random;
            this.probe = probe;
            this.config = config;
            this.scanConfig = config.toBuilder().readOnly(true).build();
        }

        @Override
        public void step() {
            if (random.nextInt(100) < params.scanPercent()) {
                long total = scanConfig.atomic(scan);
                if (total != accounts.expectedTotal()) {
                    violations.report(NAME + ": a scan saw total " + total + ", expected " + accounts.expectedTotal());
                }
                return;
            }
            int n = accounts.count();
            for (int i = 0; i < from.length; i++) {
                from[i] = random.nextInt(n);
                to[i] = (from[i] + 1 + random.nextInt(n - 1)) % n;
            }
            config.atomic(transfers);
        }

        private void transfers() {
            probe.attempt();
            for (int i = 0; i < from.length; i++) {
                accounts.transfer(from[i], to[i], 1);
            }
            probe.endOfBody();
        }

        private Long scan() {
            probe.attempt();
            long total = accounts.scanTotal();
            probe.endOfBody();
            return total;
        }
    }

    @Override
    public void verify() {
        violations.check();
        accounts.verify(NAME);
    }

    @Override
    public void corruptForTest() {
        accounts.corruptForTest();
    }
}
