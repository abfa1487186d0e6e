package org.stm4j.cm.experiment;

import java.util.SplittableRandom;

/**
 * One worker's next batch of transfers between {@link Accounts}: drawn from the worker's random
 * source before the block starts (so a re-run attempt repeats the same transfers), applied inside
 * it. The arrays are allocated once per worker.
 */
final class TransferBatch {
    private final int[] from;
    private final int[] to;
    private final long[] amount;

    /**
     * @param length transfers per transaction
     */
    TransferBatch(int length) {
        this.from = new int[length];
        this.to = new int[length];
        this.amount = new long[length];
    }

    /** Draws the next batch: distinct random source and target among {@code accounts}, amounts 1..{@code maxAmount}. */
    void draw(SplittableRandom random, int accounts, int maxAmount) {
        for (int i = 0; i < from.length; i++) {
            from[i] = random.nextInt(accounts);
            to[i] = (from[i] + 1 + random.nextInt(accounts - 1)) % accounts;
            amount[i] = maxAmount == 1 ? 1 : 1 + random.nextInt(maxAmount); // a fixed amount draws nothing
        }
    }

    /** Applies the batch; call inside a transaction. */
    void applyTo(Accounts accounts) {
        for (int i = 0; i < from.length; i++) {
            accounts.transfer(from[i], to[i], amount[i]);
        }
    }
}
