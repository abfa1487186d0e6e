package org.stm4j.jmh.threads;

import static org.stm4j.Stm.atomic;

import java.lang.reflect.Field;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.stm4j.TVar;
import org.stm4j.internal.Transaction;

/**
 * Many platform threads all running short blocks: what happens past the 63 version slots (issue 14
 * §1: "measure it, 128 threads all in blocks").
 *
 * <p><b>What a version slot is.</b> With the default clock ({@code LazyClock}) an update commit
 * does not advance the global clock: it stamps its writes with {@code clock + 1}, its context's
 * version slot (6 bits, 1..63) and a sequence number, so versions stay unique without a shared
 * write. A context gets a slot when it is created and keeps it for the life of the process
 * (contexts are handed from terminated threads to new ones, slot and all). The 64th and later
 * contexts find the pool empty and commit as in GV4: one CAS on the clock's cache line per update
 * commit (they also lose the "read my own write without touching the clock" rule, which GV4's
 * versions do not need). Nothing else changes: reads, read-only commits, conflict detection and
 * correctness are the same; the cost is one contended CAS per update commit for threads past 63.
 *
 * <p><b>The benchmark.</b> Run it at {@code -t 2}, {@code 32}, {@code 64} and {@code 128} (the
 * thread count is left to the command line so the CI smoke runs it on one thread):
 * <ul>
 *   <li>{@code update}: {@code atomic(() -> own.set(own.get() + 1))} on the thread's own TVar
 *       (no data conflicts; only the engine's shared state can make threads contend);</li>
 *   <li>{@code readOnly}: {@code atomic(() -> shared.get())} on one TVar shared by all threads.</li>
 * </ul>
 * Secondary metrics split the throughput by the threads that have a slot ({@code withSlot}) and
 * those that do not ({@code withoutSlot}), so a slow-down of the slot-less threads shows directly;
 * a line {@code # version slots: S of T benchmark threads} goes to the fork's output at the end of
 * the trial. Compare with {@code -jvmArgsAppend -Dstm4j.clock=gv4} (no thread has a slot).
 * <pre>
 * for t in 2 32 64 128; do java -jar jmh/target/benchmarks.jar VersionSlotBenchmark -t $t -f 2 -wi 3 -i 5 -r 1 -prof gc; done
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class VersionSlotBenchmark {

    /** The context's version slot (package-private in the engine; read by reflection, class path only). */
    private static final Field VERSION_SLOT;

    static {
        Field f;
        try {
            f = Transaction.class.getDeclaredField("versionSlot");
            f.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            f = null;
        }
        VERSION_SLOT = f;
    }

    /** The calling thread's version slot, 0 for none, -1 if it cannot be read. */
    static int currentVersionSlot() {
        if (VERSION_SLOT == null) {
            return -1;
        }
        try {
            return VERSION_SLOT.getInt(Transaction.current());
        } catch (IllegalAccessException e) {
            return -1;
        }
    }

    final TVar<Long> shared = new TVar<>(42L);
    final AtomicInteger threadsWithSlot = new AtomicInteger();
    final AtomicInteger threadsSeen = new AtomicInteger();
    @TearDown(Level.Trial)
    public void report() {
        System.out.println("# version slots: " + threadsWithSlot.get() + " of " + threadsSeen.get()
                + " benchmark threads (clock " + System.getProperty("stm4j.clock", "lazy") + ")");
    }

    /** The thread's own variable and whether its context has a version slot. */
    @State(Scope.Thread)
    public static class Own {
        TVar<Long> var;
        boolean hasSlot;
        long expected;

        @Setup(Level.Trial)
        public void setUp(VersionSlotBenchmark benchmark) {
            var = new TVar<>(0L);
            atomic(() -> var.get()); // binds the thread's context
            hasSlot = currentVersionSlot() > 0;
            benchmark.threadsSeen.incrementAndGet();
            if (hasSlot) {
                benchmark.threadsWithSlot.incrementAndGet();
            }
        }

        @TearDown(Level.Trial)
        public void check() {
            if (var.get() != expected) {
                throw new IllegalStateException("own counter " + var.get() + ", expected " + expected);
            }
        }
    }

    /** Operations by threads with and without a version slot (per-thread counts; JMH sums them into rates). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class BySlot {
        public long withSlot;
        public long withoutSlot;

        @Setup(Level.Iteration)
        public void clear() {
            withSlot = 0;
            withoutSlot = 0;
        }
    }

    /** A one-read-one-write block on the thread's own TVar, written as users write it. */
    @Benchmark
    public void update(Own own, BySlot by) {
        TVar<Long> v = own.var;
        atomic(() -> v.set(v.get() + 1));
        own.expected++;
        if (own.hasSlot) {
            by.withSlot++;
        } else {
            by.withoutSlot++;
        }
    }

    /** A read-only block on one TVar all threads share. */
    @Benchmark
    public Long readOnly(Own own, BySlot by) {
        TVar<Long> s = shared;
        Long x = atomic(() -> s.get());
        if (own.hasSlot) {
            by.withSlot++;
        } else {
            by.withoutSlot++;
        }
        return x;
    }
}
