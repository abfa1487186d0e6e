package org.stm4j.jmh.peers;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.stm4j.jmh.collections.Boxes;

/**
 * A bank of {@code accounts} balances in one dict, two workloads:
 * <ul>
 * <li>{@link #transfer}: {@code atomic(() -> { d[from] -= x; d[to] += x; })} between two distinct
 *     random accounts; two transfers conflict only when they share an account.</li>
 * <li>group {@code scan}: one thread ({@link #scan}) sums every balance in one read-only
 *     transaction — a long read set — while the other threads of the group ({@link #scanWriter})
 *     keep transferring. Every sum must equal the opening total, or the trial fails: a scan that
 *     saw half a transfer is an inconsistent snapshot. Thread counts come from {@code -tg}
 *     ({@code -tg 1,0}, {@code 1,1}, {@code 1,3}).</li>
 * </ul>
 * Transfers are precomputed per thread ({@link Sequences}). The total is checked again at the end of
 * every trial: money is neither created nor destroyed.
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'peers.BankBenchmark.transfer' -t 2
 * java -jar jmh/target/benchmarks.jar 'peers.BankBenchmark.scan' -tg 1,1
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 700, timeUnit = TimeUnit.MILLISECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class BankBenchmark {
    /** Opening balance of every account. */
    static final long OPENING = 1_000_000L;

    /** The implementation measured. */
    @Param
    public Impl impl;

    /** Number of accounts (2 to {@value Boxes#SIZE}). */
    @Param("1024")
    public int accounts;

    Dict bank;

    /** Opens the accounts. */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (accounts < 2 || accounts > Boxes.SIZE) {
            throw new IllegalArgumentException("accounts must be in [2, " + Boxes.SIZE + "], not " + accounts);
        }
        Integer[] keys = new Integer[accounts];
        Long[] balances = new Long[accounts];
        for (int i = 0; i < accounts; i++) {
            keys[i] = Boxes.KEYS[i];
            balances[i] = OPENING;
        }
        bank = impl.create(params.getThreads()).newDict(keys, balances);
    }

    /** Money was neither created nor destroyed. */
    @TearDown(Level.Trial)
    public void check() {
        Map<Integer, Long> contents = bank.contents();
        long total = 0;
        for (Long balance : contents.values()) {
            total += balance;
        }
        if (total != OPENING * accounts || contents.size() != accounts) {
            throw new IllegalStateException(impl + ": total " + total + " in " + contents.size()
                    + " accounts, expected " + OPENING * accounts + " in " + accounts);
        }
    }

    /** The calling thread's client and its precomputed transfers. */
    @State(Scope.Thread)
    public static class Teller extends ThreadClient<Dict.Client> {
        Dict source;
        int[] from;
        int[] to;
        int[] amount;
        int next;

        @Override
        Dict.Client newClient(Tally tally) {
            return source.client(tally);
        }

        /** Remembers the shared structure and precomputes transfers between distinct accounts. */
        @Setup(Level.Trial)
        public void setUp(BankBenchmark benchmark, ThreadParams thread) {
            source = benchmark.bank;
            int n = benchmark.accounts;
            int seed = thread.getThreadIndex() * 3;
            from = Sequences.uniform(seed, n);
            to = Sequences.uniform(seed + 1, n - 1);
            amount = Sequences.uniform(seed + 2, 100);
            for (int i = 0; i < Sequences.LENGTH; i++) {
                int t = from[i] + 1 + to[i];
                to[i] = t >= n ? t - n : t;
                amount[i]++;
            }
        }

        void transfer(Outcomes outcomes) {
            int i = next++ & Sequences.MASK;
            client(outcomes).transfer(Boxes.KEYS[from[i]], Boxes.KEYS[to[i]], amount[i]);
        }
    }

    /** Moves 1..100 between two distinct random accounts, atomically. */
    @Benchmark
    public void transfer(Teller teller, Outcomes outcomes) {
        teller.transfer(outcomes);
        outcomes.tally.done++;
    }

    /** Sums all balances in one read-only transaction; fails the trial on a wrong total. */
    @Benchmark
    @Group("scan")
    @GroupThreads(1)
    public long scan(Teller teller, Outcomes outcomes) {
        long total = teller.client(outcomes).sum();
        if (total != OPENING * accounts) {
            throw new IllegalStateException(impl + ": a scan saw the total " + total + ", expected "
                    + OPENING * accounts + " (inconsistent snapshot)");
        }
        outcomes.tally.done++;
        return total;
    }

    /** The scan's concurrent writers: transfers, as {@link #transfer}. */
    @Benchmark
    @Group("scan")
    @GroupThreads(1)
    public void scanWriter(Teller teller, Outcomes outcomes) {
        teller.transfer(outcomes);
        outcomes.tally.done++;
    }
}
