package org.stm4j.jmh.threads;

import static org.stm4j.Stm.atomic;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.stm4j.TVar;
import org.stm4j.internal.TxnContext;

/**
 * Many platform threads all running short blocks at once: what happens past the 63 version slots
 * (issue 14 §1: "measure it, 128 threads all in blocks").
 *
 * <p><b>What a version slot is.</b> With the default clock ({@code LazyClock}) an update commit
 * does not advance the global clock: it stamps its writes with {@code clock + 1}, its context's
 * version slot (6 bits, 1..63) and a sequence number, so versions stay unique without a shared
 * write. A context takes a slot when it is created and keeps it for the life of the process
 * (contexts are handed from terminated threads to new ones, slot and all). The 64th and later
 * contexts find the pool empty and commit as in GV4: one CAS on the clock's cache line per update
 * commit. Reads, read-only commits, conflict detection and correctness are unchanged.
 *
 * <p><b>The benchmark.</b> JMH's own multi-threading ({@code -t 128}) sums per-thread rates, which
 * is meaningless with 128 threads on 2 cores (a thread descheduled for most of an iteration reports
 * a huge rate for the little time it measured). So one JMH thread drives a pool of {@code threads}
 * platform worker threads, created once per trial and all alive throughout: each invocation releases
 * them together, each runs {@code 2^20 / threads} blocks, and the invocation ends when the last has
 * finished. The score is wall time per block over all workers (1000 / score = blocks per µs):
 * <ul>
 *   <li>{@code op=update}: {@code atomic(() -> own.set(own.get() + 1))} on the worker's own TVar
 *       (no data conflicts: only the engine's shared state can make threads contend);</li>
 *   <li>{@code op=readOnly}: {@code atomic(() -> shared.get())} on one TVar shared by all.</li>
 * </ul>
 * Each worker also measures its own CPU time; the secondary metrics ({@code withSlotCpuNanos},
 * {@code withSlotBlocks}, and the same {@code withoutSlot...}; JMH "events", so only quotients mean
 * something) give the CPU time per block of the workers that have a version slot and of those that
 * do not. At the end of the trial the fork prints {@code # version slots: S of T worker threads}.
 * Compare with {@code -jvmArgsAppend -Dstm4j.clock=gv4} (no worker has a slot). The default
 * {@code threads=2} keeps the CI smoke short:
 * <pre>
 * java -jar jmh/target/benchmarks.jar VersionSlotBenchmark -p threads=2,32,64,128 -f 2 -wi 3 -i 5 -r 1 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Benchmark)
public class VersionSlotBenchmark {
    /** Blocks per invocation, over all workers. */
    static final int BLOCKS = 1 << 20;

    /** The context's version slot (package-private in the engine; read by reflection, class path only). */
    private static final Field VERSION_SLOT;

    static {
        Field f;
        try {
            f = TxnContext.class.getDeclaredField("versionSlot");
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
            return VERSION_SLOT.getInt(TxnContext.current());
        } catch (IllegalAccessException e) {
            return -1;
        }
    }

    /** Worker threads, all alive through the trial (a power of two up to 2^20). */
    @Param("2")
    public int threads;

    /** {@code update} (own TVar, 1 read 1 write) or {@code readOnly} (one shared TVar). */
    @Param({"update", "readOnly"})
    public String op;

    final TVar<Long> shared = new TVar<>(42L);
    Worker[] workers;
    CyclicBarrier start;
    CyclicBarrier end;
    volatile boolean stop;
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** One worker thread: its own TVar, whether it has a slot, its CPU time and block counts. */
    final class Worker extends Thread {
        final TVar<Long> own = new TVar<>(0L);
        final boolean update = op.equals("update");
        final int blocks = BLOCKS / threads;
        volatile int slot = -2;
        long expected;
        volatile long cpuNanos;
        /** Invocations completed in this iteration (the JMH thread's own count). */
        long invocations;

        Worker(int i) {
            super("version-slot-worker-" + i);
            setDaemon(true);
        }

        @Override
        public void run() {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            try {
                atomic(() -> own.get()); // binds this thread's context
                slot = currentVersionSlot();
                for (;;) {
                    start.await();
                    if (stop) {
                        return;
                    }
                    long c0 = mx.getCurrentThreadCpuTime();
                    TVar<Long> v = own;
                    TVar<Long> s = shared;
                    Object sink = null;
                    if (update) {
                        for (int k = 0; k < blocks; k++) {
                            atomic(() -> v.set(v.get() + 1));
                        }
                        expected += blocks;
                    } else {
                        for (int k = 0; k < blocks; k++) {
                            sink = atomic(() -> s.get());
                        }
                        if (sink == null) {
                            throw new IllegalStateException("read null");
                        }
                    }
                    cpuNanos += mx.getCurrentThreadCpuTime() - c0;
                    end.await();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                // torn down
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                start.reset();
                end.reset();
            }
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws InterruptedException {
        if (threads < 1 || BLOCKS % threads != 0) {
            throw new IllegalArgumentException("threads must be a power of two up to 2^20: " + threads);
        }
        start = new CyclicBarrier(threads + 1);
        end = new CyclicBarrier(threads + 1);
        workers = new Worker[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stop = true;
        try {
            start.await(10, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | java.util.concurrent.TimeoutException e) {
            // a failed worker broke it
        }
        int withSlot = 0;
        for (Worker w : workers) {
            w.join(10_000);
            if (w.slot > 0) {
                withSlot++;
            }
            if (w.update && w.own.get() != w.expected) {
                throw new IllegalStateException(w.getName() + ": " + w.own.get() + ", expected " + w.expected);
            }
        }
        System.out.println("# version slots: " + withSlot + " of " + threads + " worker threads (clock "
                + System.getProperty("stm4j.clock", "lazy") + ")");
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
    }

    /** CPU time and blocks of the workers with and without a version slot, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class BySlot {
        public long withSlotCpuNanos;
        public long withSlotBlocks;
        public long withoutSlotCpuNanos;
        public long withoutSlotBlocks;

        @Setup(Level.Iteration)
        public void clear(VersionSlotBenchmark b) {
            withSlotCpuNanos = withSlotBlocks = withoutSlotCpuNanos = withoutSlotBlocks = 0;
            for (Worker w : b.workers) {
                w.cpuNanos = 0;
            }
        }

        @TearDown(Level.Iteration)
        public void collect(VersionSlotBenchmark b) {
            for (Worker w : b.workers) {
                long cpu = w.cpuNanos;
                long blocks = w.invocations * (long) w.blocks;
                w.invocations = 0;
                if (w.slot > 0) {
                    withSlotCpuNanos += cpu;
                    withSlotBlocks += blocks;
                } else {
                    withoutSlotCpuNanos += cpu;
                    withoutSlotBlocks += blocks;
                }
            }
        }
    }

    /** Releases every worker, each runs its share of {@value #BLOCKS} blocks; returns when all are done. */
    @Benchmark
    @OperationsPerInvocation(BLOCKS)
    public void blocks(BySlot by) throws Exception {
        start.await();
        end.await();
        for (Worker w : workers) {
            w.invocations++;
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
    }
}
