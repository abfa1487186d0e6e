package org.stm4j.cm.experiment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;

/**
 * {@code irrevocable-io}: transactions that perform I/O and therefore must not be re-run. With
 * probability {@code ioPercent} an operation reads the next sequence number, calls
 * {@link Stm#becomeIrrevocable()}, writes the number to a log file and advances the sequence; the
 * other operations are short transfers between {@code accounts} accounts that keep running beside
 * it. At most one transaction is irrevocable at a time, so this measures how a manager copes with
 * a serializing token plus ordinary conflicts around it.
 *
 * <p>Invariants: the log holds exactly {@code 0, 1, ..., seq-1} in order (an irrevocable
 * transaction ran its I/O once, and no two overlapped), and the accounts keep their total.
 */
final class IrrevocableIoWorkload implements Workload {
    static final String NAME = "irrevocable-io";

    private final TVar<Long> sequence = new TVar<>(0L, "io-sequence");
    private final Accounts accounts;
    private final WorkloadParams params;
    private final Path logFile;
    private final DataOutputStream log;

    IrrevocableIoWorkload(WorkloadParams params) {
        this.params = params;
        this.accounts = new Accounts(params.accounts(), 1_000);
        try {
            this.logFile = Files.createTempFile("stm4j-irrevocable-io", ".log");
            this.log = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(logFile)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log of " + NAME, e);
        }
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
        private final TransferBatch batch = new TransferBatch(params.txnLength());
        private final Runnable transfers = this::transfers;
        private final Runnable writeLog = this::writeLog;

        Client(SplittableRandom random, Probe probe, TxnConfig config) {
            this.random = random;
            this.probe = probe;
            this.config = config;
        }

        @Override
        public void step() {
            if (random.nextInt(100) < params.ioPercent()) {
                config.atomic(writeLog);
                return;
            }
            batch.draw(random, accounts.count(), 1);
            config.atomic(transfers);
        }

        private void transfers() {
            probe.attempt();
            batch.applyTo(accounts);
            probe.endOfBody();
        }

        private void writeLog() {
            probe.attempt();
            long next = sequence.get();
            Stm.becomeIrrevocable();
            try {
                log.writeLong(next);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the log of " + NAME, e);
            }
            sequence.set(next + 1);
            probe.endOfBody();
        }
    }

    @Override
    public void verify() {
        accounts.verify(NAME);
        long expected = sequence.get();
        try {
            log.flush();
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(logFile)))) {
                for (long i = 0; i < expected; i++) {
                    long entry;
                    try {
                        entry = in.readLong();
                    } catch (EOFException e) {
                        throw new InvariantViolation(NAME + ": the log ends after " + i + " entries, expected "
                                + expected);
                    }
                    if (entry != i) {
                        throw new InvariantViolation(NAME + ": log entry " + i + " is " + entry
                                + " (an I/O ran twice or out of order)");
                    }
                }
                if (in.read() != -1) {
                    throw new InvariantViolation(NAME + ": the log holds more than the " + expected
                            + " entries committed (an I/O ran twice)");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back the log of " + NAME, e);
        }
    }

    @Override
    public void corruptForTest() {
        try {
            log.writeLong(sequence.get() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            log.close();
            Files.deleteIfExists(logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + logFile, e);
        }
    }
}
