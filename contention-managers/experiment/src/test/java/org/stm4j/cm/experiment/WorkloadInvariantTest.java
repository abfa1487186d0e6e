package org.stm4j.cm.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;

/** Each workload keeps its invariant under concurrency, and its check catches a broken one. */
class WorkloadInvariantTest {
    /** Small data and high rates, so a short run exercises every kind of operation. */
    static final WorkloadParams SMALL = new WorkloadParams(8, 16, 16, 50, 64, 20, 20, 50, 2);

    static List<String> names() {
        return Workloads.names();
    }

    @ParameterizedTest
    @MethodSource("names")
    void invariantHoldsAfterAConcurrentRunAndCatchesCorruption(String name) {
        try (Workload w = Workloads.create(name, SMALL)) {
            assertEquals(name, w.name());
            CellResult r = CellRunner.run(w, "default", TxnConfig.builder().contentionManager("default").build(), 3,
                    1, Duration.ofMillis(20), Duration.ofMillis(60));
            assertTrue(r.commits() > 0, r.toString());
            assertTrue(r.attempts() >= r.commits(), r.toString());
            w.verify();
            w.corruptForTest();
            InvariantViolation v = assertThrows(InvariantViolation.class, w::verify);
            assertTrue(v.getMessage().startsWith(name + ": "), v.getMessage());
        }
    }

    @Test
    void aCellReportsItsTopConflict() {
        org.stm4j.Stm.setConflictReporting(true); // as Experiment.run does
        try (Workload w = Workloads.create(HotCounterWorkload.NAME, SMALL)) {
            CellResult r = null;
            for (int i = 0; i < 20 && (r == null || r.topConflict() == null); i++) {
                r = CellRunner.run(w, "default", TxnConfig.builder().contentionManager("default").build(), 4, 1,
                        Duration.ofMillis(10), Duration.ofMillis(100));
            }
            assertTrue(r.topConflict() != null, "4 threads on one counter never conflicted: " + r);
            assertEquals("hot-counter", r.topConflict().structure(), r.toString());
            assertTrue(r.topConflict().site().startsWith("HotCounterWorkload.java:"), r.topConflict().toString());
            assertTrue(r.topConflict().abortShare() > 0 && r.topConflict().abortShare() <= 1, r.toString());
        } finally {
            org.stm4j.Stm.setConflictReporting(false);
        }
    }

    @Test
    void irrevocableIoCommitsIrrevocably() {
        try (Workload w = Workloads.create(IrrevocableIoWorkload.NAME, SMALL)) {
            CellResult r = CellRunner.run(w, "default", TxnConfig.builder().build(), 2, 1, Duration.ofMillis(10),
                    Duration.ofMillis(40));
            assertTrue(r.irrevocableCommits() > 0, r.toString());
            w.verify();
        }
    }

    /** Increments in two transactions (read, then write): updates get lost under concurrency. */
    static final class LostUpdateCounter implements Workload {
        private final TVar<Long> counter = new TVar<>(0L);
        private final java.util.List<long[]> done = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "lost-update-counter";
        }

        @Override
        public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
            long[] mine = new long[1];
            done.add(mine);
            return () -> {
                long seen = config.atomic(() -> {
                    probe.attempt();
                    return counter.get();
                });
                Thread.yield();
                config.atomic(() -> counter.set(seen + 1));
                mine[0]++;
            };
        }

        @Override
        public void verify() {
            long expected = done.stream().mapToLong(a -> a[0]).sum();
            if (counter.get() != expected) {
                throw new InvariantViolation(name() + ": counter " + counter.get() + " != " + expected);
            }
        }

        @Override
        public void corruptForTest() {
            counter.set(-1L);
        }
    }

    @Test
    void theExperimentFailsLoudlyOnABrokenWorkload() {
        ExperimentConfig config = ExperimentConfig.builder().managers(List.of("default")).threads(List.of(4))
                .workloads(List.of("hot-counter")).duration(Duration.ofMillis(100)).warmup(Duration.ofMillis(10))
                .build();
        Experiment.Listener quiet = new Experiment.Listener() {
            @Override
            public void starting(int index, int total, String workload, String manager, int threads) {
            }

            @Override
            public void finished() {
            }
        };
        Experiment.Outcome broken = Experiment.run(config, quiet, (name, params) -> new LostUpdateCounter());
        assertTrue(broken.failed());
        String v = broken.failures().get(0);
        assertTrue(v.contains("hot-counter / default / 4 threads (warm-up)")
                && v.contains("lost-update-counter: counter"), v);
        assertTrue(broken.cells().get(0).failed() && !broken.cells().get(0).measured(), broken.toString());
        // the same run with the real workload passes
        Experiment.Outcome ok = Experiment.run(config, quiet);
        assertFalse(ok.failed(), ok.failures().toString());
        assertEquals(1, ok.cells().size());
    }

    @Test
    void aWorkerExceptionFailsTheCell() {
        Workload failing = new Workload() {
            @Override
            public String name() {
                return "failing";
            }

            @Override
            public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
                return () -> Stm.atomic(() -> {
                    throw new IllegalStateException("boom");
                });
            }

            @Override
            public void verify() {
            }

            @Override
            public void corruptForTest() {
            }
        };
        ExperimentFailure f = assertThrows(ExperimentFailure.class, () -> CellRunner.run(failing, "default",
                TxnConfig.builder().build(), 2, 1, Duration.ofMillis(10), Duration.ofSeconds(30)));
        assertTrue(f.getMessage().contains("boom"), f.getMessage());
    }

    @Test
    void warmUpOperationsAreNotCounted() {
        List<long[]> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        Workload counting = new Workload() {
            @Override
            public String name() {
                return "counting";
            }

            @Override
            public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
                long[] mine = new long[1];
                steps.add(mine);
                TVar<Integer> own = new TVar<>(0);
                return () -> {
                    config.atomic(() -> {
                        probe.attempt();
                        own.set(own.get() + 1);
                        probe.endOfBody();
                    });
                    mine[0]++;
                };
            }

            @Override
            public void verify() {
            }

            @Override
            public void corruptForTest() {
            }
        };
        CellResult r = CellRunner.run(counting, "default", TxnConfig.builder().build(), 2, 1, Duration.ofMillis(60),
                Duration.ofMillis(60));
        long all = steps.stream().mapToLong(a -> a[0]).sum();
        assertTrue(r.commits() > 0 && r.commits() < all, r.commits() + " measured of " + all);
        assertEquals(r.commits(), r.attempts(), "threads update their own TVar: no conflicts");
        assertEquals(1, r.attemptsMax());
    }

    @Test
    void seedsDependOnWorkloadThreadsAndThreadButNotOnTheManager() {
        long a = CellRunner.seedFor(42, "bank", 4, 0);
        assertEquals(a, CellRunner.seedFor(42, "bank", 4, 0));
        assertNotEquals(a, CellRunner.seedFor(42, "bank", 4, 1));
        assertNotEquals(a, CellRunner.seedFor(42, "bank", 2, 0));
        assertNotEquals(a, CellRunner.seedFor(42, "hot-counter", 4, 0));
        assertNotEquals(a, CellRunner.seedFor(43, "bank", 4, 0));
    }
}
