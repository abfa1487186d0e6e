package org.example.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.spi.ContentionManagers;

/** A policy from outside the project plugs in through the SPI: directly, and by name via a provider. */
class ExternalPolicyTest {

    @Test
    void usedDirectlyThroughTxnConfig() throws InterruptedException {
        TakeTurnsManager manager = new TakeTurnsManager();
        TxnConfig config = TxnConfig.builder().contentionManager(manager).build();
        long total = hotCounter(config, 4, 2_000);
        assertEquals(8_000, total);
        assertEquals(8_000, manager.commits(), "every block was run under the external manager");
    }

    @Test
    void selectedByNameThroughItsProvider() throws InterruptedException {
        assertTrue(ContentionManagers.knownNames().contains("take-turns"), ContentionManagers.knownNames().toString());
        assertSame(ExampleProvider.SHARED, ContentionManagers.named("take-turns"));
        TxnConfig config = TxnConfig.builder().contentionManager("take-turns").build();
        long before = ExampleProvider.SHARED.commits();
        assertEquals(4_000, hotCounter(config, 2, 2_000));
        assertEquals(4_000, ExampleProvider.SHARED.commits() - before);
    }

    /** {@code threads} threads increment one TVar {@code each} times; returns the final value. */
    private static long hotCounter(TxnConfig config, int threads, int each) throws InterruptedException {
        TVar<Long> counter = new TVar<>(0L);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                for (int k = 0; k < each; k++) {
                    config.atomic(() -> counter.set(counter.get() + 1));
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        return counter.get();
    }
}
