package org.stm4j.cm;

import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.TxnView;

/** A scripted transaction for driving a policy's hooks: every figure is set by the test. */
final class FakeTxn implements TxnView {
    private static long nextId = 10_000;

    final long id;
    int attempt = 1;
    int consecutiveAborts;
    long ticket = Long.MAX_VALUE;
    int priority;
    long karma;
    AttemptMode mode = AttemptMode.OPTIMISTIC;
    long managerState;

    FakeTxn() {
        synchronized (FakeTxn.class) {
            this.id = nextId++;
        }
    }

    FakeTxn karma(long k) {
        this.karma = k;
        return this;
    }

    FakeTxn ticket(long t) {
        this.ticket = t;
        return this;
    }

    FakeTxn aborts(int n) {
        this.consecutiveAborts = n;
        this.attempt = n + 1;
        return this;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public int consecutiveAborts() {
        return consecutiveAborts;
    }

    @Override
    public long ticket() {
        return ticket;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public long karma() {
        return karma;
    }

    @Override
    public int readCount() {
        return 0;
    }

    @Override
    public int writeCount() {
        return 0;
    }

    @Override
    public AttemptMode mode() {
        return mode;
    }

    @Override
    public long managerState() {
        return managerState;
    }

    @Override
    public void managerState(long state) {
        managerState = state;
    }
}
