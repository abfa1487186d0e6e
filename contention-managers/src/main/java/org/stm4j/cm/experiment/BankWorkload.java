package org.stm4j.cm.experiment;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.stm4j.TxnConfig;

/**
 * {@code bank}: transfers between random accounts of a {@link org.stm4j.collections.TDict}, with an
 * occasional auditor. Each operation is, with probability {@code auditPercent}, an audit (a read-only
 * transaction summing every account and checking the total) and otherwise {@code txnLength}
 * transfers of 1..10 between two distinct random accounts. Conflicts grow as {@code accounts}
 * shrinks; the audits are long readers that every transfer can invalidate.
 *
 * <p>Invariant: the total of all balances never changes, both in every audit (which sees a
 * consistent snapshot) and at the end.
 */
final class BankWorkload implements Workload {
    static final String NAME = "bank";

    private final Accounts accounts;
    private final WorkloadParams params;
    private final ViolationLog violations = new ViolationLog();

    BankWorkload(WorkloadParams params) {
        this.params = params;
        this.accounts = new Accounts(params.accounts(), 1_000);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
        return new Teller(random, probe, config);
    }

    private final class Teller implements Worker {
        private final SplittableRandom random;
        private final Probe probe;
        private final TxnConfig config;
        private final TxnConfig auditConfig;
        private final int[] from = new int[params.txnLength()];
        private final int[] to = new int[params.txnLength()];
        private final long[] amount = new long[params.txnLength()];
        private final Runnable transfers = this::transfers;
        private final Supplier<Long> audit = this::audit;

        Teller(SplittableRandom random, Probe probe, TxnConfig config) {
            this.random = random;
            this.probe = probe;
            this.config = config;
            this.auditConfig = config.toBuilder().readOnly(true).build();
        }

        @Override
        public void step() {
            if (random.nextInt(100) < params.auditPercent()) {
                long total = auditConfig.atomic(audit);
                if (total != accounts.expectedTotal()) {
                    violations.report(NAME + ": an audit saw total " + total + ", expected " + accounts.expectedTotal());
                }
                return;
            }
            int n = accounts.count();
            for (int i = 0; i < from.length; i++) {
                from[i] = random.nextInt(n);
                to[i] = (from[i] + 1 + random.nextInt(n - 1)) % n;
                amount[i] = 1 + random.nextInt(10);
            }
            config.atomic(transfers);
        }

        private void transfers() {
            probe.attempt();
            for (int i = 0; i < from.length; i++) {
                accounts.transfer(from[i], to[i], amount[i]);
            }
            probe.endOfBody();
        }

        private Long audit() {
            probe.attempt();
            long total = accounts.total();
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
