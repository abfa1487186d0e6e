package org.stm4j.cm.experiment;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.stm4j.TxnConfig;

/**
 * Transfers between random accounts of a {@link org.stm4j.collections.TDict} plus an occasional
 * long read-only transaction that reads every account and checks the total. Two workloads share
 * this shape:
 *
 * <ul>
 *   <li>{@code bank}: {@code accounts} accounts opened with 1,000; {@code auditPercent} of the
 *       operations are audits that read the accounts key by key; the others are {@code txnLength}
 *       transfers of 1..10. Point updates with rare long readers; conflicts grow as the number of
 *       accounts shrinks.</li>
 *   <li>{@code long-scan}: the starvation case. {@code scanKeys} accounts opened with 100;
 *       {@code scanPercent} of the operations iterate the dict's values (a scan that also reads its
 *       structure); the others are {@code txnLength} transfers of 1. A scan reads every key, so any
 *       transfer that commits while it runs can invalidate it: without help from the contention
 *       manager (priority with visible reads, or irrevocability) a scan may abort again and again
 *       while short writers keep committing. Watch the attempts per commit and the starvation.</li>
 * </ul>
 *
 * <p>Invariant: every reader sees the opening total (opacity: a consistent snapshot, reported when
 * the cell is verified), and the total is unchanged at the end.
 */
final class TransfersWithReaderWorkload implements Workload {
    static final String BANK = "bank";
    static final String LONG_SCAN = "long-scan";

    private final String name;
    private final Accounts accounts;
    private final int readerPercent;
    private final boolean iterate;
    private final int maxAmount;
    private final int txnLength;
    private final ViolationLog violations = new ViolationLog();

    private TransfersWithReaderWorkload(String name, int accounts, long openingBalance, int readerPercent,
            boolean iterate, int maxAmount, int txnLength) {
        this.name = name;
        this.accounts = new Accounts(accounts, openingBalance);
        this.readerPercent = readerPercent;
        this.iterate = iterate;
        this.maxAmount = maxAmount;
        this.txnLength = txnLength;
    }

    /** The {@code bank} workload. */
    static TransfersWithReaderWorkload bank(WorkloadParams p) {
        return new TransfersWithReaderWorkload(BANK, p.accounts(), 1_000, p.auditPercent(), false, 10, p.txnLength());
    }

    /** The {@code long-scan} workload. */
    static TransfersWithReaderWorkload longScan(WorkloadParams p) {
        return new TransfersWithReaderWorkload(LONG_SCAN, p.scanKeys(), 100, p.scanPercent(), true, 1, p.txnLength());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
        return new Client(random, probe, config);
    }

    private final class Client implements Worker {
        private final SplittableRandom random;
        private final Probe probe;
        private final TxnConfig config;
        private final TxnConfig readerConfig;
        private final TransferBatch batch = new TransferBatch(txnLength);
        private final Runnable transfers = this::transfers;
        private final Supplier<Long> reader = this::readTotal;

        Client(SplittableRandom random, Probe probe, TxnConfig config) {
            this.random = random;
            this.probe = probe;
            this.config = config;
            this.readerConfig = config.toBuilder().readOnly(true).build();
        }

        @Override
        public void step() {
            if (random.nextInt(100) < readerPercent) {
                long total = readerConfig.atomic(reader);
                if (total != accounts.expectedTotal()) {
                    violations.report(name + ": a reader saw total " + total + ", expected " + accounts.expectedTotal());
                }
                return;
            }
            batch.draw(random, accounts.count(), maxAmount);
            config.atomic(transfers);
        }

        private void transfers() {
            probe.attempt();
            batch.applyTo(accounts);
            probe.endOfBody();
        }

        private Long readTotal() {
            probe.attempt();
            long total = iterate ? accounts.scanTotal() : accounts.total();
            probe.endOfBody();
            return total;
        }
    }

    @Override
    public void verify() {
        violations.check();
        accounts.verify(name);
    }

    @Override
    public void corruptForTest() {
        accounts.corruptForTest();
    }
}
