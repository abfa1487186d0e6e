package org.stm4j.jmh.threads;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * "A virtual thread per request" (issue 14, part 1): one request is a dict increment of one of
 * {@value #KEYS} keys and a list append of the request's id, two atomic blocks written as users write
 * them (capturing lambdas, fresh boxed values; see {@link RequestService}). Per invocation a batch
 * of {@value #BATCH} requests runs, and the score is per request ({@code @OperationsPerInvocation}).
 * <ul>
 * <li>{@code mode=VIRTUAL_PER_REQUEST}: each request on a new virtual thread; the batch's threads are
 *     all started, then all joined.</li>
 * <li>{@code mode=POOLED}: the same requests submitted to a fixed pool of {@code poolThreads} platform
 *     threads ({@code 0}, the default: {@code Runtime.availableProcessors()}), awaited with a
 *     {@code CountDownLatch}.</li>
 * <li>{@code impl}: {@code STM4J} ({@code TDict} + {@code TList} in {@code Stm.atomic}),
 *     {@code BASELINE} ({@code ConcurrentHashMap.merge} + a {@code synchronized} {@code ArrayList}:
 *     "ConcurrentHashMap + lock"), {@code SCALA_STM} (ScalaSTM's Java API: a {@code TMap.View} from
 *     {@code STM.newMap()} and a {@code Ref.View} of an immutable {@code Vector}, in
 *     {@code STM.atomic}).</li>
 * </ul>
 * <b>How to read it</b> (scores in µs per request, {@code -prof gc} B/op per request):
 * <pre>
 * cost of moving to virtual threads, per impl:  move(impl) = VIRTUAL_PER_REQUEST - POOLED      (µs/request)
 * target 1:  move(STM4J) / move(BASELINE) &lt;= 1.5
 * target 2:  B/op(VIRTUAL_PER_REQUEST, STM4J) / B/op(VIRTUAL_PER_REQUEST, BASELINE) &lt;= 2
 * requests per second = 1e6 / score
 * </pre>
 * {@code jmh/threads-report.py result.json} computes these. Run on JDK 21+ (VIRTUAL falls back to
 * platform threads before 21, with a warning, see {@link Threads}; and {@code -prof gc} counts the
 * allocation of threads that ended within an iteration only on JDK 21+):
 * <pre>
 * java -jar jmh/target/benchmarks.jar 'threads.RequestPerThreadBenchmark' -t 1 -prof gc -rf json -rff requests.json
 * python3 jmh/threads-report.py requests.json
 * </pre>
 * Each iteration starts from an empty dict and list, and ends with a check: the counts sum to the
 * requests run in the iteration and the list holds exactly that many ids; so a lost update or a
 * lost append fails the run (the CI smoke included). A request that throws fails the invocation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(RequestPerThreadBenchmark.BATCH)
@Warmup(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Fork(1)
@State(Scope.Benchmark)
public class RequestPerThreadBenchmark {
    /** Requests per invocation. */
    static final int BATCH = 100;
    /** Keys of the dict; a request increments key {@code id mod KEYS}. */
    static final int KEYS = 64;

    /** How requests get a thread. */
    public enum Dispatch {
        /** A new virtual thread per request (JDK 21+; platform threads before, with a warning). */
        VIRTUAL_PER_REQUEST,
        /** A fixed pool of platform threads. */
        POOLED
    }

    /** How requests get a thread. */
    @Param
    public Dispatch mode;

    /** What the requests run on. */
    @Param
    public RequestService.Kind impl;

    /** Platform threads of the pool ({@code POOLED}); 0: {@code Runtime.availableProcessors()}. */
    @Param("0")
    public int poolThreads;

    private boolean virtual;
    private ExecutorService pool;
    private RequestService service;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /** Creates the pool ({@code POOLED}) or resolves virtual threads ({@code VIRTUAL_PER_REQUEST}). */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (mode == Dispatch.POOLED) {
            int n = poolThreads > 0 ? poolThreads : Runtime.getRuntime().availableProcessors();
            pool = Executors.newFixedThreadPool(n);
        } else {
            virtual = Threads.resolve(ThreadKind.VIRTUAL, params.getBenchmark() + " " + impl);
        }
    }

    /** A fresh, empty service per iteration. */
    @Setup(Level.Iteration)
    public void newService() {
        service = impl.create();
        issued.set(0);
    }

    /** Every request of the iteration counted once and appended once. */
    @TearDown(Level.Iteration)
    public void check() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException(impl + ": a request failed", failed);
        }
        long requests = issued.get();
        long counted = service.countSum();
        long logged = service.logLength();
        if (counted != requests || logged != requests) {
            throw new IllegalStateException(impl + " " + mode + ": " + requests + " requests, but the counts sum to "
                    + counted + " and the list holds " + logged);
        }
    }

    /** Shuts the pool down. */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (pool != null) {
            pool.shutdown();
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the pool did not terminate");
            }
        }
    }

    /** One benchmark thread's reusable array of the batch's threads. */
    @State(Scope.Thread)
    public static class Batch {
        final Thread[] threads = new Thread[BATCH];
    }

    /** Runs one request, recording what it threw. */
    private void serve(RequestService s, int id) {
        try {
            s.handle(id);
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        }
    }

    private void failFast() {
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException(impl + ": a request failed", failed);
        }
    }

    /** {@value #BATCH} requests, each on its own new (virtual) thread or on the pool. */
    @Benchmark
    public void requests(Batch batch) throws InterruptedException {
        RequestService s = service;
        int first = (int) nextId.getAndAdd(BATCH);
        if (mode == Dispatch.POOLED) {
            CountDownLatch done = new CountDownLatch(BATCH);
            for (int j = 0; j < BATCH; j++) {
                int id = first + j;
                pool.execute(() -> {
                    try {
                        serve(s, id);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        } else {
            Thread[] threads = batch.threads;
            for (int j = 0; j < BATCH; j++) {
                int id = first + j;
                threads[j] = Threads.start(virtual, () -> serve(s, id));
            }
            for (int j = 0; j < BATCH; j++) {
                Threads.join(threads[j]);
                threads[j] = null;
            }
        }
        issued.addAndGet(BATCH);
        failFast();
    }
}
