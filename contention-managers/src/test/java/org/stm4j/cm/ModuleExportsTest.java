package org.stm4j.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stm4j.TxnConfig;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;
import org.stm4j.spi.ContentionManagers;

/** The JPMS descriptor of contention-managers, and that its policies are found by name. */
class ModuleExportsTest {

    private static ModuleDescriptor descriptor() throws IOException {
        String self = BackoffManager.class.getResource("BackoffManager.class").toString();
        String root = self.substring(0, self.length() - "org/stm4j/cm/BackoffManager.class".length());
        try (InputStream in = URI.create(root + "module-info.class").toURL().openStream()) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void moduleNameExportsAndProvides() throws IOException {
        ModuleDescriptor d = descriptor();
        assertEquals("org.stm4j.cm", d.name());
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("org.stm4j.cm"), exported);
        assertTrue(d.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertTrue(d.provides().stream().anyMatch(p -> p.service().equals(ContentionManagerProvider.class.getName())
                && p.providers().contains(PolicyRegistry.class.getName())), d.provides().toString());
    }

    /**
     * The policies need stm-core (transitively: their API is its SPI), Agrona (the gates' idle
     * strategies) and, at compile time only, JSpecify: never the collections (the experiment runner,
     * which uses them, is the module contention-managers/experiment).
     */
    @Test
    void requiresStmCoreAgronaAndJSpecifyOnly() throws IOException {
        Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = descriptor().requires().stream()
                .filter(r -> !r.name().equals("java.base"))
                .collect(Collectors.toMap(ModuleDescriptor.Requires::name, ModuleDescriptor.Requires::modifiers));
        assertEquals(Map.of(
                "org.stm4j", Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE),
                "org.agrona", Set.of(),
                "org.jspecify", Set.of(ModuleDescriptor.Requires.Modifier.STATIC,
                        ModuleDescriptor.Requires.Modifier.TRANSITIVE)), requires);
        Set<String> packages = descriptor().packages();
        assertEquals(Set.of("org.stm4j.cm"), packages, "the runner's package stays out of the policies");
    }

    @Test
    void policiesAreFoundByShortName() {
        assertInstanceOf(BackoffManager.class, ContentionManagers.named("backoff"));
        assertInstanceOf(BackoffManager.class, ContentionManagers.named(" Backoff "));
        assertTrue(ContentionManagers.knownNames().containsAll(Set.of("default", "backoff")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ContentionManagers.named("nope"));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("backoff"), e.getMessage());
    }

    /** The names the issue requires, each creating a manager that reports that name. */
    static final List<String> REQUIRED = List.of("aggressive", "suicide", "backoff", "polite", "karma", "polka",
            "eruption", "timestamp", "greedy", "serializer", "hourglass", "comprehensive");

    @Test
    void everyRequiredPolicyIsSelectableByName() {
        assertEquals(Set.copyOf(REQUIRED), new PolicyRegistry().names());
        for (String name : REQUIRED) {
            ContentionManager m = ContentionManagers.named(name);
            assertEquals(name, m.name());
            assertEquals(name, TxnConfig.builder().contentionManager(name.toUpperCase(Locale.ROOT)).build()
                    .contentionManager().name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TxnConfig.builder().contentionManager("karmah"));
        for (String name : REQUIRED) {
            assertTrue(e.getMessage().contains(name), "the error lists '" + name + "': " + e.getMessage());
        }
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class,
                () -> new PolicyRegistry().create("nope"));
        assertTrue(direct.getMessage().contains("comprehensive"), direct.getMessage());
    }

    @Test
    void backoffRejectsBadBounds() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffManager(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new BackoffManager(10, 5));
    }
}
