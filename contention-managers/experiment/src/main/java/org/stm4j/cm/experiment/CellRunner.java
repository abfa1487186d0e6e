package org.stm4j.cm.experiment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.stm4j.Stm;
import org.stm4j.TxnConfig;

/**
 * Runs one cell: starts one platform thread per worker, lets them run through a warm-up and a
 * measurement phase, stops them, and merges their {@link Probe}s into a {@link CellResult}.
 *
 * <p>Phases: the coordinator publishes the phase in one volatile field; each worker reads it once
 * per operation (a read-mostly line, written twice per cell) and resets its own probe when it sees
 * the measurement begin, so warm-up operations are never counted and no shared counter is written
 * in the measured loop. Throughput divides the commits by the coordinator's measured interval.
 *
 * <p>A worker that throws (a workload check inside a transaction, an unexpected exception from the
 * engine) stops the cell and the error is rethrown; a worker that has not stopped
 * {@link #STOP_GRACE} after the end (a starved or deadlocked transaction) fails the cell too.
 */
final class CellRunner {
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private static final int WARMUP = 0;
    private static final int MEASURE = 1;
    private static final int STOP = 2;

    private volatile int phase = WARMUP;
    private volatile long measureStartNanos;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private CellRunner() {
    }

    /**
     * Runs {@code workload} with {@code threads} workers, each block configured by {@code config}.
     *
     * @param manager the manager's name (for the result)
     * @param seed    the experiment seed; thread {@code t} draws from a {@link SplittableRandom} seeded
     *                from it, the workload name, the thread count and {@code t} (not the manager, so
     *                every manager faces the same operation sequences)
     * @throws ExperimentFailure if a worker failed or did not stop
     */
    static CellResult run(Workload workload, String manager, TxnConfig config, int threads, long seed,
            Duration warmup, Duration duration) {
        return new CellRunner().runCell(workload, manager, config, threads, seed, warmup, duration);
    }

    /** The seed of worker {@code thread}'s random source in the cell (workload, threads). */
    static long seedFor(long seed, String workload, int threads, int thread) {
        long h = seed;
        h = mix(h ^ workload.hashCode());
        h = mix(h ^ threads);
        return mix(h ^ thread);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private CellResult runCell(Workload workload, String manager, TxnConfig config, int threads, long seed,
            Duration warmup, Duration duration) {
        Probe[] probes = new Probe[threads];
        List<Thread> workers = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            Probe probe = new Probe();
            probes[t] = probe;
            Workload.Worker worker = workload.newWorker(t,
                    new SplittableRandom(seedFor(seed, workload.name(), threads, t)), probe, config);
            Thread thread = new Thread(() -> loop(worker, probe), workload.name() + "-" + manager + "-" + t);
            thread.setDaemon(true);
            workers.add(thread);
        }
        workers.forEach(Thread::start);
        sleepUnlessFailed(warmup);
        Stm.resetConflicts(); // the cell's top conflict is the measurement's, not the warm-up's
        long start = System.nanoTime();
        measureStartNanos = start;
        phase = MEASURE;
        sleepUnlessFailed(duration);
        phase = STOP;
        long end = System.nanoTime();
        joinAll(workers, workload.name(), manager);
        Throwable f = failure.get();
        if (f instanceof InvariantViolation v) {
            throw v;
        }
        if (f != null) {
            throw new ExperimentFailure(workload.name() + " under " + manager + " with " + threads
                    + " threads: a worker failed: " + f, f);
        }
        return merge(workload.name(), manager, threads, end - start, probes,
                CellResult.TopConflict.of(Stm.conflicts()));
    }

    private void loop(Workload.Worker worker, Probe probe) {
        int seen = WARMUP;
        try {
            while (true) {
                int now = phase;
                if (now == STOP) {
                    break;
                }
                if (now != seen) {
                    probe.reset(System.nanoTime());
                    seen = now;
                }
                probe.beginOperation(System.nanoTime());
                worker.step();
                probe.committed(System.nanoTime());
            }
            if (seen != MEASURE) {
                probe.reset(measureStartNanos); // one operation spanned the whole measurement
            }
            probe.finish(System.nanoTime());
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
            phase = STOP;
        }
    }

    private void sleepUnlessFailed(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && failure.get() == null) {
            LockSupport.parkNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(10)));
        }
    }

    private void joinAll(List<Thread> workers, String workload, String manager) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (Thread w : workers) {
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(w, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ExperimentFailure("interrupted while stopping " + workload + " under " + manager, e);
            }
            if (w.isAlive()) {
                throw new ExperimentFailure(w.getName() + " did not finish its operation within " + STOP_GRACE
                        + " after the cell ended: a transaction starved or deadlocked");
            }
        }
    }

    private static CellResult merge(String workload, String manager, int threads, long nanos, Probe[] probes,
            CellResult.TopConflict top) {
        Histogram latency = new Histogram();
        Histogram attemptsPerCommit = new Histogram();
        long commits = 0;
        long attempts = 0;
        long escalations = 0;
        long irrevocable = 0;
        long fewest = Long.MAX_VALUE;
        long longestGap = 0;
        for (Probe p : probes) {
            latency.add(p.latencyNanos());
            attemptsPerCommit.add(p.attemptsPerCommit());
            commits += p.commits();
            attempts += p.attempts();
            escalations += p.escalations();
            irrevocable += p.irrevocableCommits();
            fewest = Math.min(fewest, p.commits());
            longestGap = Math.max(longestGap, p.longestGapNanos());
        }
        double slowestShare = commits == 0 ? 0 : (double) fewest / commits;
        return new CellResult(workload, manager, threads, nanos, commits, attempts, attemptsPerCommit.mean(),
                attemptsPerCommit.percentile(0.99), attemptsPerCommit.max(), latency.percentile(0.50),
                latency.percentile(0.99), latency.max(), slowestShare, longestGap, escalations, irrevocable, top);
    }
}
