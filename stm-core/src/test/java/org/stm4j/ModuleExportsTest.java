package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.net.URL;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.stm4j.spi.ContentionManagerProvider;

/**
 * The JPMS descriptor of stm-core: module org.stm4j exports exactly its two API packages, the engine's
 * face to the collections only, and the engine to nobody.
 */
class ModuleExportsTest {

    /** stm-core's own module-info.class (not another jar's), located beside TVar.class. */
    private static ModuleDescriptor descriptor() throws IOException {
        URL tvar = TVar.class.getResource("TVar.class");
        assertNotNull(tvar);
        String s = tvar.toString();
        URL moduleInfo = URI.create(s.substring(0, s.length() - "org/stm4j/TVar.class".length()) + "module-info.class")
                .toURL();
        try (InputStream in = moduleInfo.openStream()) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void moduleNameAndExports() throws IOException {
        ModuleDescriptor d = descriptor();
        assertEquals("org.stm4j", d.name());
        Set<String> unqualified = d.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("org.stm4j", "org.stm4j.spi"), unqualified);
    }

    /**
     * The engine ({@code org.stm4j.internal} and its subpackages) is exported to no module; the
     * collections reach it only through its face, {@code org.stm4j.access}, exported to them alone.
     */
    @Test
    void engineIsExportedToNobodyAndItsFaceOnlyToTheCollections() throws IOException {
        ModuleDescriptor d = descriptor();
        assertFalse(d.isOpen());
        assertTrue(d.opens().isEmpty(), d.opens().toString());
        // the provider implementation lives in an internal package, which is not exported
        assertTrue(d.packages().contains("org.stm4j.internal.cm"), d.packages().toString());
        for (ModuleDescriptor.Exports e : d.exports()) {
            assertFalse(e.source().startsWith("org.stm4j.internal"), "engine exported: " + e);
        }
        Set<ModuleDescriptor.Exports> qualified = d.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .collect(Collectors.toSet());
        assertEquals(1, qualified.size(), qualified.toString());
        ModuleDescriptor.Exports face = qualified.iterator().next();
        assertEquals("org.stm4j.access", face.source());
        assertEquals(Set.of("org.stm4j.collections"), face.targets(), face.toString());
    }

    @Test
    void usesAndProvidesTheContentionManagerSpi() throws IOException {
        ModuleDescriptor d = descriptor();
        assertTrue(d.uses().contains(ContentionManagerProvider.class.getName()), d.uses().toString());
        assertTrue(d.provides().stream().anyMatch(p -> p.service().equals(ContentionManagerProvider.class.getName())),
                d.provides().toString());
        // the same provider is declared for class-path use
        assertNotNull(TVar.class.getResource("/META-INF/services/" + ContentionManagerProvider.class.getName()));
    }

    /** At run time only the JDK: the nullness annotations (JSpecify) are a static (compile-time) requirement. */
    @Test
    void requiresOnlyTheJdkAtRunTime() throws IOException {
        ModuleDescriptor d = descriptor();
        for (ModuleDescriptor.Requires r : d.requires()) {
            if (r.name().equals("org.jspecify")) {
                assertTrue(r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC), r.toString());
                continue;
            }
            assertTrue(r.name().startsWith("java.") || r.name().startsWith("jdk."), "requires " + r.name());
        }
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("org.jspecify")), "requires static org.jspecify");
    }
}
