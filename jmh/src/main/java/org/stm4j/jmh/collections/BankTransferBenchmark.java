package org.stm4j.jmh.collections;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Bank transfer over a dict: a {@code TDict<Integer, Long>} of {@code accounts} balances; each
 * operation moves a random amount (1..100) between two distinct random accounts,
 * {@code atomic(() -> { d.put(from, d.get(from) - amount); d.put(to, d.get(to) + amount); })}.
 * Two transfers conflict only when they share an account, so with {@code accounts=1024} the abort
 * rate at 2 threads should be a fraction of a percent; {@code -p accounts=16} makes it hot. With
 * one dict the two lock models are the same single lock. The two new balances are boxed
 * ({@code 2 x 24 B} per operation, the caller's, in every model). After the trial the total
 * balance is checked.
 * <pre>
 * java -jar jmh/target/benchmarks.jar BankTransferBenchmark -t 1 -f 1 -wi 3 -w 1s -i 5 -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BankTransferBenchmark {
    /** Opening balance of every account. */
    static final long OPENING = 1_000_000L;

    /** The synchronization model, see {@link SyncModel}. */
    @Param({SyncModel.STM, SyncModel.UNSYNC, SyncModel.GLOBAL_LOCK, SyncModel.PER_OBJECT_LOCK})
    public String impl;

    /** Number of accounts (at most {@value Boxes#SIZE}). */
    @Param("1024")
    public int accounts;

    SyncModel model;
    Map<Integer, Long> dict;
    final RankedLock lock = new RankedLock();

    /** Opens the accounts. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        model = SyncModel.of(impl, params.getThreads());
        if (accounts < 2 || accounts > Boxes.SIZE) {
            throw new IllegalArgumentException("accounts must be in [2, " + Boxes.SIZE + "], not " + accounts);
        }
        dict = model.newDict();
        for (int i = 0; i < accounts; i++) {
            dict.put(Boxes.KEYS[i], OPENING);
        }
    }

    /** Money was neither created nor destroyed. */
    @TearDown(Level.Trial)
    public void check() {
        long total = 0;
        for (Long balance : dict.values()) {
            total += balance;
        }
        if (total != OPENING * accounts || dict.size() != accounts) {
            throw new IllegalStateException("total " + total + " in " + dict.size() + " accounts, expected "
                    + OPENING * accounts + " in " + accounts);
        }
    }

    /** A thread's random source, the current transfer and its block. */
    @State(Scope.Thread)
    public static class Teller {
        XorShift random;
        Integer from;
        Integer to;
        long amount;
        Runnable transfer;

        /** Creates the block once: no capture per call. */
        @Setup(Level.Trial)
        public void setUp(BankTransferBenchmark s, ThreadParams thread) {
            random = new XorShift(thread.getThreadIndex());
            Map<Integer, Long> d = s.dict;
            transfer = () -> {
                d.put(from, d.get(from) - amount);
                d.put(to, d.get(to) + amount);
            };
        }
    }

    /** Moves a random amount between two distinct random accounts, atomically. */
    @Benchmark
    public void transfer(Teller teller, StmCounters counters) {
        XorShift random = teller.random;
        int n = accounts;
        int from = random.nextInt(n);
        int to = from + 1 + random.nextInt(n - 1);
        teller.from = Boxes.KEYS[from];
        teller.to = Boxes.KEYS[to >= n ? to - n : to];
        teller.amount = 1 + random.nextInt(100);
        model.atomic(teller.transfer, lock);
    }
}
