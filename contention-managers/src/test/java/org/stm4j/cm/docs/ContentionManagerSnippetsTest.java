package org.stm4j.cm.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.spi.ContentionManagers;

/**
 * The contention-manager samples of {@code docs/guide.md}, in regions that stm-core's
 * {@code DocSnippetsTest} compares with the guide. They use {@code default} (stm-core) and
 * {@code backoff} (this module), found by name through {@link java.util.ServiceLoader}.
 */
@Timeout(60)
class ContentionManagerSnippetsTest {

    @Test
    void perBlockByName() {
        // region guide-cm-per-block
        TxnConfig backoff = TxnConfig.builder().contentionManager("backoff").build();
        TVar<Integer> hits = new TVar<>(0);

        backoff.atomic(() -> hits.set(hits.get() + 1));             // this block: backoff
        Stm.atomic(backoff, () -> hits.set(hits.get() + 1));        // the same, spelled differently
        atomic(() -> hits.set(hits.get() + 1));                      // the process default

        Set<String> available = ContentionManagers.knownNames();    // e.g. [backoff, default, ...]
        // endregion
        assertEquals(3, hits.get());
        assertTrue(available.containsAll(Set.of("default", "backoff")), available.toString());
        assertEquals("backoff", backoff.contentionManager().name());
    }

    @Test
    void processDefault() {
        TxnConfig saved = Stm.defaultConfig();
        try {
            // region guide-cm-default
            Stm.setDefaultConfig(Stm.defaultConfig().toBuilder().contentionManager("backoff").build());
            // every block started from now on without its own TxnConfig uses backoff
            // endregion
            assertEquals("backoff", Stm.defaultConfig().contentionManager().name());
        } finally {
            Stm.setDefaultConfig(saved);
        }
    }

    @Test
    void unknownNameIsRefused() {
        // region guide-cm-unknown
        try {
            TxnConfig.builder().contentionManager("optimistic-please");
        } catch (IllegalArgumentException e) {
            System.out.println(e.getMessage());   // unknown contention manager 'optimistic-please'; known: ...
        }
        // endregion
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TxnConfig.builder().contentionManager("optimistic-please"));
        assertTrue(e.getMessage().contains("known: "), e.getMessage());
    }
}
