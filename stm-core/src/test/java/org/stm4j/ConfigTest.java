package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagers;
import org.stm4j.spi.TxnView;

/** TxnConfig, the default configuration, and plugging in contention managers. */
@Timeout(60)
class ConfigTest {

    /** A manager that records its callbacks and answers {@code next} after every abort. */
    static final class RecordingManager implements ContentionManager {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final AttemptMode next;

        RecordingManager(AttemptMode next) {
            this.next = next;
        }

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public void onBegin(TxnView tx) {
            events.add("begin " + tx.attempt() + " " + tx.mode());
        }

        @Override
        public void onCommit(TxnView tx) {
            events.add("commit " + tx.attempt());
        }

        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            events.add("abort " + cause + " " + tx.consecutiveAborts());
            return next;
        }
    }

    /**
     * A block that conflicts on every attempt it runs optimistically: it reads {@code x}, has another
     * thread change {@code x}, then writes {@code y}, so commit-time validation fails. Irrevocable
     * attempts skip the interference (a plain write must wait for the irrevocable reader).
     */
    private static Runnable alwaysConflicting(TVar<Integer> x, TVar<Integer> y, AtomicInteger runs,
            List<Boolean> irrevocable) {
        return () -> {
            runs.incrementAndGet();
            int seen = x.get();
            irrevocable.add(Stm.isIrrevocable());
            if (!Stm.isIrrevocable()) {
                TestSupport.changeFromOtherThread(x);
            }
            y.set(seen);
        };
    }

    // ---- builder ----

    @Test
    void builderDefaults() {
        TxnConfig c = TxnConfig.builder().build();
        assertEquals("default", c.contentionManager().name());
        assertEquals(TxnConfig.DEFAULT_MAX_ATTEMPTS, c.maxAttempts());
        assertEquals(TxnConfig.OnAttemptsExhausted.BECOME_IRREVOCABLE, c.onAttemptsExhausted());
        assertFalse(c.readOnly());
        assertFalse(c.irrevocable());
        assertNull(c.timeout());
        assertTrue(c.toString().contains("default"));
    }

    @Test
    void builderSettersAndToBuilder() {
        RecordingManager cm = new RecordingManager(AttemptMode.OPTIMISTIC);
        TxnConfig c = TxnConfig.builder()
                .contentionManager(cm)
                .maxAttempts(5)
                .onAttemptsExhausted(TxnConfig.OnAttemptsExhausted.THROW)
                .readOnly(true)
                .irrevocable(true)
                .timeout(Duration.ofSeconds(2))
                .build();
        assertSame(cm, c.contentionManager());
        assertEquals(5, c.maxAttempts());
        assertEquals(TxnConfig.OnAttemptsExhausted.THROW, c.onAttemptsExhausted());
        assertTrue(c.readOnly());
        assertTrue(c.irrevocable());
        assertEquals(Duration.ofSeconds(2), c.timeout());
        TxnConfig d = c.toBuilder().maxAttempts(7).build();
        assertSame(cm, d.contentionManager());
        assertEquals(7, d.maxAttempts());
        assertEquals(Duration.ofSeconds(2), d.timeout());
        assertEquals(5, c.maxAttempts(), "a config is immutable");
        assertNull(c.toBuilder().timeout(null).build().timeout());
        assertNull(c.toBuilder().timeout(Duration.ZERO).build().timeout());
        assertEquals(1, TxnConfig.builder().maxAttempts(1).build().maxAttempts());
        // a timeout too long for nanoseconds is clamped, not an error
        TxnConfig huge = TxnConfig.builder().timeout(Duration.ofSeconds(Long.MAX_VALUE)).build();
        assertTrue(huge.timeout().toDays() > 100 * 365);
    }

    @Test
    void builderValidation() {
        assertThrows(IllegalArgumentException.class, () -> TxnConfig.builder().maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> TxnConfig.builder().maxAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> TxnConfig.builder().timeout(Duration.ofMillis(-1)));
        assertThrows(NullPointerException.class, () -> TxnConfig.builder().contentionManager((ContentionManager) null));
        assertThrows(NullPointerException.class, () -> TxnConfig.builder().contentionManager((String) null));
        assertThrows(NullPointerException.class, () -> TxnConfig.builder().onAttemptsExhausted(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TxnConfig.builder().contentionManager("no-such-manager"));
        assertTrue(e.getMessage().contains("no-such-manager"), e.getMessage());
        for (String known : ContentionManagers.knownNames()) {
            assertTrue(e.getMessage().contains(known), e.getMessage());
        }
    }

    @Test
    void builderSelectsManagerByName() {
        assertEquals("default", TxnConfig.builder().contentionManager("default").build().contentionManager().name());
    }

    // ---- contention manager lookup ----

    @Test
    void contentionManagersNamedDefault() {
        ContentionManager cm = ContentionManagers.named("default");
        assertEquals("default", cm.name());
        assertEquals("default", ContentionManagers.named(" DEFAULT ").name(), "case-insensitive, trimmed");
        assertTrue(ContentionManagers.knownNames().contains("default"));
        assertThrows(NullPointerException.class, () -> ContentionManagers.named(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContentionManagers.named("nosuch"));
        assertTrue(e.getMessage().contains("nosuch"), e.getMessage());
        assertTrue(e.getMessage().contains("default"), "lists the known names: " + e.getMessage());
        // the default manager works as the manager of a block
        TVar<Integer> x = new TVar<>(0);
        atomic(TxnConfig.builder().contentionManager(cm).build(), () -> x.set(1));
        assertEquals(1, x.get());
    }

    // ---- read-only ----

    @Test
    void readOnlyConfigRejectsWrites() {
        TxnConfig ro = TxnConfig.builder().readOnly(true).build();
        TVar<Integer> x = new TVar<>(1);
        TVar<Integer> y = new TVar<>(2);
        assertEquals(3, (int) atomic(ro, () -> x.get() + y.get()));
        AtomicInteger runs = new AtomicInteger();
        assertThrows(IllegalStateException.class, () -> atomic(ro, () -> {
            runs.incrementAndGet();
            y.set(x.get());
        }));
        assertEquals(1, runs.get());
        assertEquals(2, y.get());
        assertFalse(Stm.inTransaction());
        // the block after it, with the default config, may write again
        atomic(() -> y.set(5));
        assertEquals(5, y.get());
    }

    // ---- attempt limit ----

    @Test
    void maxAttemptsWithThrowGivesUpWithTooManyAttemptsException() {
        RecordingManager neverEscalates = new RecordingManager(AttemptMode.OPTIMISTIC);
        TxnConfig cfg = TxnConfig.builder()
                .contentionManager(neverEscalates)
                .maxAttempts(3)
                .onAttemptsExhausted(TxnConfig.OnAttemptsExhausted.THROW)
                .build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(-1);
        AtomicInteger runs = new AtomicInteger();
        List<Boolean> irrevocable = Collections.synchronizedList(new ArrayList<>());
        assertThrows(TooManyAttemptsException.class, () -> atomic(cfg, alwaysConflicting(x, y, runs, irrevocable)));
        assertEquals(3, runs.get(), "maxAttempts attempts, then give up");
        assertEquals(-1, y.get(), "nothing the block wrote became visible");
        assertEquals(3, x.get());
        assertFalse(irrevocable.contains(Boolean.TRUE));
        assertFalse(Stm.inTransaction());
        atomic(() -> y.set(0));
        assertEquals(0, y.get());
    }

    @Test
    void maxAttemptsWithBecomeIrrevocableCommits() {
        RecordingManager neverEscalates = new RecordingManager(AttemptMode.OPTIMISTIC);
        TxnConfig cfg = TxnConfig.builder()
                .contentionManager(neverEscalates)
                .maxAttempts(3)
                .onAttemptsExhausted(TxnConfig.OnAttemptsExhausted.BECOME_IRREVOCABLE)
                .build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(-1);
        AtomicInteger runs = new AtomicInteger();
        List<Boolean> irrevocable = Collections.synchronizedList(new ArrayList<>());
        StmStats before = Stm.stats();
        atomic(cfg, alwaysConflicting(x, y, runs, irrevocable));
        StmStats delta = Stm.stats().minus(before);
        assertEquals(4, runs.get(), "three aborted attempts, then one irrevocable attempt");
        assertEquals(List.of(false, false, false, true), irrevocable);
        assertEquals(3, x.get());
        assertEquals(3, y.get());
        assertTrue(delta.irrevocableRuns() >= 1);
        assertTrue(neverEscalates.events.contains("commit 4"), neverEscalates.events.toString());
    }

    @Test
    void timeoutWhileConflictingThrowsTransactionTimeoutException() {
        RecordingManager neverEscalates = new RecordingManager(AttemptMode.OPTIMISTIC);
        TxnConfig cfg = TxnConfig.builder()
                .contentionManager(neverEscalates)
                .maxAttempts(Integer.MAX_VALUE)
                .timeout(Duration.ofMillis(50))
                .build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(-1);
        AtomicInteger runs = new AtomicInteger();
        List<Boolean> irrevocable = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        assertThrows(TransactionTimeoutException.class, () -> atomic(cfg, alwaysConflicting(x, y, runs, irrevocable)));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(ms >= 50 && ms < 10_000, ms + " ms");
        assertTrue(runs.get() >= 2);
        assertEquals(-1, y.get());
    }

    // ---- custom contention manager ----

    @Test
    void customContentionManagerGetsCallbacks() {
        RecordingManager cm = new RecordingManager(AttemptMode.OPTIMISTIC);
        TxnConfig cfg = TxnConfig.builder().contentionManager(cm).build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        atomic(cfg, () -> {
            int attempt = runs.incrementAndGet();
            int seen = x.get();
            if (attempt == 1) {
                TestSupport.changeFromOtherThread(x);
            }
            y.set(seen);
        });
        assertEquals(List.of("begin 1 OPTIMISTIC", "abort VALIDATION 1", "begin 2 OPTIMISTIC", "commit 2"),
                cm.events);
        assertEquals(1, y.get());

        cm.events.clear();
        int v = atomic(cfg, () -> x.get()); // read-only commits are reported too
        assertEquals(1, v);
        assertEquals(List.of("begin 1 OPTIMISTIC", "commit 1"), cm.events);

        cm.events.clear();
        assertThrows(IllegalStateException.class, () -> atomic(cfg, () -> {
            x.set(5);
            throw new IllegalStateException();
        }));
        assertEquals(List.of("begin 1 OPTIMISTIC"), cm.events, "an exception is not a conflict: no onAbort");
    }

    @Test
    void managerChoosingIrrevocableMakesTheNextAttemptIrrevocable() {
        RecordingManager cm = new RecordingManager(AttemptMode.IRREVOCABLE);
        TxnConfig cfg = TxnConfig.builder().contentionManager(cm).build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        List<Boolean> irrevocable = Collections.synchronizedList(new ArrayList<>());
        atomic(cfg, alwaysConflicting(x, y, runs, irrevocable));
        assertEquals(List.of(false, true), irrevocable);
        assertEquals(List.of("begin 1 OPTIMISTIC", "abort VALIDATION 1", "begin 2 IRREVOCABLE", "commit 2"),
                cm.events);
    }

    @Test
    void managerChoosingPriorityRunsAPriorityAttempt() {
        RecordingManager cm = new RecordingManager(AttemptMode.PRIORITY);
        TxnConfig cfg = TxnConfig.builder().contentionManager(cm).build();
        TVar<Integer> x = new TVar<>(0);
        TVar<Integer> y = new TVar<>(0);
        AtomicInteger runs = new AtomicInteger();
        atomic(cfg, () -> {
            int attempt = runs.incrementAndGet();
            int seen = x.get();
            if (attempt == 1) {
                TestSupport.changeFromOtherThread(x);
            }
            y.set(seen);
        });
        assertEquals(List.of("begin 1 OPTIMISTIC", "abort VALIDATION 1", "begin 2 PRIORITY", "commit 2"), cm.events);
        assertEquals(1, y.get());
    }

    @Test
    void irrevocableConfigStartsIrrevocable() {
        RecordingManager cm = new RecordingManager(AttemptMode.OPTIMISTIC);
        TxnConfig cfg = TxnConfig.builder().contentionManager(cm).irrevocable(true).build();
        atomic(cfg, () -> {
        });
        assertEquals(List.of("begin 1 IRREVOCABLE", "commit 1"), cm.events);
    }

    // ---- process-wide default ----

    @Test
    void setDefaultConfigAppliesToBlocksWithoutAConfig() {
        TxnConfig saved = Stm.defaultConfig();
        String expectedName = System.getProperty("stm4j.contentionManager", "default").trim().toLowerCase(Locale.ROOT);
        assertEquals(expectedName, saved.contentionManager().name());
        RecordingManager cm = new RecordingManager(AttemptMode.OPTIMISTIC);
        TxnConfig mine = TxnConfig.builder().contentionManager(cm).build();
        try {
            Stm.setDefaultConfig(mine);
            assertSame(mine, Stm.defaultConfig());
            TVar<Integer> x = new TVar<>(0);
            Stm.atomic(() -> x.set(1));
            int v = Stm.atomic(() -> x.get());
            assertEquals(1, v);
            assertEquals(List.of("begin 1 OPTIMISTIC", "commit 1", "begin 1 OPTIMISTIC", "commit 1"), cm.events);
            // a readOnly default applies too
            Stm.setDefaultConfig(TxnConfig.builder().readOnly(true).build());
            assertThrows(IllegalStateException.class, () -> Stm.atomic(() -> x.set(2)));
            assertEquals(1, x.get());
        } finally {
            Stm.setDefaultConfig(saved);
        }
        assertSame(saved, Stm.defaultConfig());
        assertThrows(NullPointerException.class, () -> Stm.setDefaultConfig(null));
        assertSame(saved, Stm.defaultConfig());
    }

    // ---- the system property, in a fresh JVM ----

    @Test
    void systemPropertyWithUnknownManagerIsAClearError() {
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Dstm4j.contentionManager=nosuch"),
                ContentionManagerPropertyMain.class);
        assertEquals(3, r.exitCode, r.toString());
        assertTrue(r.output.contains("IllegalArgumentException"), r.toString());
        assertTrue(r.output.contains("nosuch"), r.toString());
        assertTrue(r.output.contains("default"), "the message lists the known names: " + r);
    }

    @Test
    void systemPropertySelectsTheManager() {
        ForkedJvm.Result r = ForkedJvm.run(List.of("-Dstm4j.contentionManager=default"),
                ContentionManagerPropertyMain.class);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.output.contains("OK manager=default x=1"), r.toString());
    }
}
