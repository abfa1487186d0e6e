package org.stm4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.AbortCause;
import org.stm4j.ConflictReport;
import org.stm4j.Stm;
import org.stm4j.StmListener;
import org.stm4j.TVar;

/**
 * The guide's diagnostics samples (conflict report, listener feeding Micrometer), each in a
 * {@code // region} that {@link DocSnippetsTest} compares with docs/guide.md, and each run here.
 */
@Timeout(60)
class DiagnosticsSnippetsTest {

    @AfterEach
    void reportOff() {
        Stm.setConflictReporting(false);
        Stm.resetConflicts();
    }

    @Test
    void conflictReport() throws InterruptedException {
        // region guide-conflict-report
        TVar<Long> hits = new TVar<>(0L, "stats.hits");       // named: the report shows the name
        TVar<Long> bytes = new TVar<>(0L, "stats.bytes");
        Runnable requests = () -> {
            for (int i = 0; i < 50_000; i++) {
                long size = i % 1500;
                atomic(() -> {
                    hits.set(hits.get() + 1);                   // every request updates both
                    bytes.set(bytes.get() + size);
                });
            }
        };

        Stm.setConflictReporting(true);     // or run with -Dstm4j.conflictReport=true
        Thread other = new Thread(requests);
        other.start();
        requests.run();
        other.join();
        ConflictReport report = Stm.conflicts();
        System.out.print(report.format(5)); // top 5 by time lost
        for (ConflictReport.Entry e : report.entries()) {
            System.out.println(e.structure() + " lost " + e.timeLost().toNanos() / 1000 + " µs to " + e.winnerSite());
        }
        // endregion
        assertEquals(100_000L, (long) hits.get());
        assertTrue(report.entries().stream().allMatch(e -> e.site().contains("DiagnosticsSnippetsTest")), report.toString());
    }

    @Test
    void micrometer() throws InterruptedException {
        // region guide-micrometer
        MeterRegistry registry = new SimpleMeterRegistry();   // or your Prometheus/OTLP registry
        StmListener metrics = new StmListener() {
            private final Counter commits = registry.counter("stm.commits");
            private final Map<AbortCause, Counter> aborts = new EnumMap<>(AbortCause.class);
            private final Timer retryWaits = registry.timer("stm.retry.wait");
            private final Timer longBlocks = registry.timer("stm.long.transactions");
            {
                for (AbortCause c : AbortCause.values()) {
                    aborts.put(c, registry.counter("stm.aborts", "cause", c.name()));
                }
            }

            @Override
            public void onCommit(int attempts, boolean readOnly) {
                commits.increment();
            }

            @Override
            public void onAbort(AbortCause cause, int attempt) {
                aborts.get(cause).increment();
            }

            @Override
            public void onRetryWait(long waitedNanos) {
                retryWaits.record(waitedNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void onLongTransaction(long durationNanos, int attempts) {
                longBlocks.record(durationNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public Duration longTransactionThreshold() {
                return Duration.ofMillis(5);
            }
        };
        Stm.addListener(metrics);

        TVar<Integer> counter = new TVar<>(0);
        Runnable work = () -> {
            for (int i = 0; i < 10_000; i++) {
                atomic(() -> counter.set(counter.get() + 1));
            }
        };
        Thread other = new Thread(work);
        other.start();
        work.run();
        other.join();
        Stm.removeListener(metrics);
        System.out.println(registry.get("stm.commits").counter().count());   // 20000.0
        // endregion
        assertEquals(20_000.0, registry.get("stm.commits").counter().count());
    }
}
