package org.stm4j.cm.experiment;

import org.stm4j.Stm;
import org.stm4j.collections.TDict;

/**
 * Accounts {@code 0..n-1} in a {@link TDict}, each opened with the same balance: the shared data of
 * the transfer workloads. A transfer moves money between two accounts, so the total is invariant.
 * Balances may go negative (an overdraft is not a conflict the experiment is about).
 */
final class Accounts {
    private final TDict<Integer, Long> balances = new TDict<>("balances");
    private final int count;
    private final long expectedTotal;

    Accounts(int count, long openingBalance) {
        this.count = count;
        this.expectedTotal = count * openingBalance;
        Stm.atomic(() -> {
            for (int i = 0; i < count; i++) {
                balances.setItem(i, openingBalance);
            }
        });
    }

    int count() {
        return count;
    }

    long expectedTotal() {
        return expectedTotal;
    }

    /** Moves {@code amount} from account {@code from} to account {@code to}; call inside a transaction. */
    void transfer(int from, int to, long amount) {
        balances.setItem(from, balances.getItem(from) - amount);
        balances.setItem(to, balances.getItem(to) + amount);
    }

    /** The sum of every balance, read key by key; inside a transaction it is a consistent snapshot. */
    long total() {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += balances.getItem(i);
        }
        return sum;
    }

    /** The sum of every balance, iterating the dict's values (a scan that also reads its structure). */
    long scanTotal() {
        long sum = 0;
        for (Long balance : balances.values()) {
            sum += balance;
        }
        return sum;
    }

    /**
     * Checks the total in a transaction of its own.
     *
     * @param workload the workload's name, for the message
     * @throws InvariantViolation if money appeared or vanished, or an account is missing
     */
    void verify(String workload) {
        int size = balances.len();
        if (size != count) {
            throw new InvariantViolation(workload + ": " + size + " accounts, expected " + count);
        }
        long total = Stm.atomic(this::total);
        if (total != expectedTotal) {
            throw new InvariantViolation(workload + ": total balance " + total + ", expected " + expectedTotal);
        }
    }

    /** Credits account 0 outside any transfer: money from nowhere, as a lost update would create. */
    void corruptForTest() {
        Stm.atomic(() -> balances.setItem(0, balances.getItem(0) + 1));
    }
}
