package org.stm4j.collections.linearizability;

import static org.jetbrains.kotlinx.lincheck.strategy.managed.ManagedStrategyGuaranteeKt.forClasses;

import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.UtilsKt;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.stm4j.Stm;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;

/**
 * The Lincheck (2.34) configurations shared by the linearizability tests.
 *
 * <p>Scenarios are small on purpose: two threads of three operations, after two operations run
 * alone, on keys and values drawn from a range of four, so the threads keep touching the same
 * elements. Each test checks against a sequential specification written on {@code java.util}
 * collections, so a wrong implementation cannot pass by agreeing with itself. The CI tier keeps
 * each test to seconds; the {@code slow} tier (run with {@code -Pstress}) multiplies scenarios
 * and invocations.
 *
 * <h2>Model checking the engine</h2>
 * Lincheck's model checker runs the real engine and switches threads at every shared-memory
 * access. Three things make that work:
 * <ul>
 *   <li><b>Warm-up.</b> The engine's lazily built globals (the default configuration looks
 *       contention managers up through {@code ServiceLoader}) are initialized before Lincheck
 *       takes control of the threads: class loading inside a checked run hangs its loop detector
 *       in JDK internals ({@code ConcurrentHashMap.putVal} under {@code ServicesCatalog}). For the
 *       same reason Lincheck's own classes that it loads the first time a test thread throws
 *       (while replaying a failure to print its trace) are loaded beforehand.</li>
 *   <li><b>Transaction cleanup runs to the end.</b> When Lincheck abandons an execution (a spin
 *       loop found, to be replayed), it throws an {@code Error} from every later switch point of
 *       that thread, also inside {@code finally} blocks. The engine's per-thread transaction would
 *       stay open on the Lincheck thread, and every later operation on it would join that stale
 *       transaction (seen as impossible results, then "non-determinism found"). So the engine's
 *       end-of-block cleanup, the per-thread context lookup, and the statistics and slot
 *       bookkeeping are ignored by the model checker (they run, without switch points), and every
 *       operation first checks that no transaction is open ({@link #checkOutsideTransaction()}).</li>
 *   <li><b>Commit as one step (CI tier).</b> A thread switched out while holding commit locks
 *       makes readers spin on them, which Lincheck resolves by replaying executions: correct but
 *       several times slower. The CI tier treats the commit protocol (lock, validate, write back)
 *       as atomic and explores interleavings between reads, validation and commits; the slow tier
 *       switches inside the commit too. The commit protocol's own races are stm-core's jcstress
 *       tests' subject.</li>
 *   <li><b>Back-off.</b> The default contention manager draws its wait after an abort from
 *       {@code ThreadLocalRandom}. The first call into that class inside a checked run makes Lincheck
 *       re-instrument it, and on JDK 25 the re-instrumented class fails verification: the
 *       operation that aborted throws {@code VerifyError}, its replay does not, and Lincheck
 *       reports "non-determinism" (seen in CI and in 3 of 8 local runs of
 *       {@code TDictLinearizabilityTest.modelChecking}, {@code -Xlog:verification} naming
 *       {@code ThreadLocalRandom}; 0 of 20 with {@code RandomBackoff} ignored). {@code RandomBackoff}
 *       and {@code ThreadLocalRandom} itself (which {@code ConcurrentHashMap} calls under
 *       contention) are therefore ignored by the model checker: how long a thread waits, or which
 *       counter cell it probes, is not a step of the algorithm under test.</li>
 * </ul>
 */
final class LincheckRuns {

    static {
        Stm.atomic(() -> {
            new TList<Integer>().append(1);
            new TDict<Integer, Integer>().put(1, 1);
        });
        // When a test thread throws, Lincheck checks and records the exception with classes of its
        // own that it loads on first use, and the first stack trace taken initializes a JDK class
        // (StackTraceElement$HashedModules); let all of that happen here.
        Throwable warmUp = new IllegalStateException("warm-up");
        UtilsKt.exceptionCanBeValidExecutionResult(warmUp);
        warmUp.getStackTrace();
        try {
            Class.forName("org.jetbrains.kotlinx.lincheck.ExceptionResult");
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LincheckRuns() {
    }

    /**
     * Fails an operation that would run inside a transaction left open on its thread: the tests
     * are about operations that are their own transactions, and an operation that silently
     * joined a stale one would report results that no correct engine produces.
     */
    static void checkOutsideTransaction() {
        if (Stm.inTransaction()) {
            throw new IllegalStateException("a transaction is open on this Lincheck thread");
        }
    }

    /**
     * Bounded model checking: Lincheck controls the thread switches and explores interleavings.
     * The heavy tier runs several rounds of the CI tier's size, see {@link #releaseDeadThreads()}.
     */
    static void modelCheck(Class<?> test, Class<?> spec, boolean heavy) {
        int rounds = heavy ? 4 : 1;
        for (int round = 0; round < rounds; round++) {
            releaseDeadThreads();
            ModelCheckingOptions options = new ModelCheckingOptions()
                    .iterations(40)
                    .invocationsPerIteration(heavy ? 500 : 50)
                    .threads(2)
                    .actorsPerThread(3)
                    .actorsBefore(2)
                    .actorsAfter(1)
                    .sequentialSpecification(spec)
                    .addGuarantee(forClasses("org.stm4j.internal.TxnContext")
                            .methods("<init>", "current", "endBlock").ignore())
                    .addGuarantee(forClasses("org.stm4j.internal.Contexts", "org.stm4j.internal.ContextPool", "org.stm4j.internal.ContextPool$Tier", "org.stm4j.internal.Counters", "org.stm4j.internal.Events",
                            "org.stm4j.internal.SlotPool", "org.stm4j.internal.Backoff").allMethods().ignore())
                    // the contention manager's random wait after an abort, and the JDK's random source
                    // (ConcurrentHashMap draws from it under contention too): see "Back-off" above
                    .addGuarantee(forClasses("org.stm4j.spi.RandomBackoff", "java.util.concurrent.ThreadLocalRandom")
                            .allMethods().ignore());
            if (!heavy) {
                options.addGuarantee(forClasses("org.stm4j.internal.TxnContext").methods("commit").treatAsAtomic());
            }
            LinChecker.check(test, options);
        }
    }

    /**
     * Settles the JVM between rounds. Every scenario runs on new threads; the engine hands the
     * context of a thread that has ended ({@code Thread.isAlive()}) to the next thread that needs
     * one, so contexts do not pile up. This collection and pause date from when a context was
     * retired only by a collection after its thread ended; they are kept so that each round starts
     * from the same, quiet heap.
     */
    private static void releaseDeadThreads() {
        System.gc();
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stress: real threads, many invocations of each scenario. */
    static void stress(Class<?> test, Class<?> spec, boolean heavy) {
        StressOptions options = new StressOptions()
                .iterations(heavy ? 100 : 40)
                .invocationsPerIteration(heavy ? 5_000 : 100)
                .threads(heavy ? 3 : 2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(spec);
        LinChecker.check(test, options);
    }
}
