package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The JPMS descriptor of stm-collections: module org.stm4j.collections exports exactly its API package
 * and requires only stm-core, whose engine it reaches only through the face {@code org.stm4j.access}.
 */
class ModuleExportsTest {

    static ModuleDescriptor descriptorBeside(Class<?> type) throws IOException {
        String self = type.getResource(type.getSimpleName() + ".class").toString();
        String root = self.substring(0, self.length() - (type.getName().replace('.', '/') + ".class").length());
        try (InputStream in = URI.create(root + "module-info.class").toURL().openStream()) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void moduleNameAndExports() throws IOException {
        ModuleDescriptor d = descriptorBeside(IndexError.class);
        assertEquals("org.stm4j.collections", d.name());
        Set<String> exported = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("org.stm4j.collections"), exported);
        assertTrue(d.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
        assertTrue(d.requires().stream().anyMatch(r -> r.name().equals("org.stm4j")
                && r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE)));
    }

    /** Exactly org.stm4j (transitive), the nullness annotations (static) and java.base: nothing at run time beyond stm-core. */
    @Test
    void requiresExactlyTheCoreAndStaticAnnotations() throws IOException {
        ModuleDescriptor d = descriptorBeside(IndexError.class);
        Set<String> required = d.requires().stream().map(ModuleDescriptor.Requires::name).collect(Collectors.toSet());
        assertEquals(Set.of("org.stm4j", "org.jspecify", "java.base"), required);
        for (ModuleDescriptor.Requires r : d.requires()) {
            if (r.name().equals("org.jspecify")) {
                assertTrue(r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC), r.toString());
            }
        }
    }

    /**
     * What stm-core offers this module: its API and the engine's face ({@code org.stm4j.access},
     * exported to this module alone), never the engine package itself.
     */
    @Test
    void coreOffersTheFaceNotTheEngine() throws IOException {
        ModuleDescriptor core = descriptorBeside(org.stm4j.TVar.class);
        assertEquals("org.stm4j", core.name());
        String us = descriptorBeside(IndexError.class).name();
        Set<String> toUs = core.exports().stream().filter(e -> !e.isQualified() || e.targets().contains(us))
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("org.stm4j", "org.stm4j.spi", "org.stm4j.access"), toUs);
        assertTrue(core.exports().stream().noneMatch(e -> e.source().startsWith("org.stm4j.internal")),
                core.exports().toString());
    }

    @Test
    void pythonErrorsExtendTheirJavaCounterparts() {
        assertTrue(IndexOutOfBoundsException.class.isAssignableFrom(IndexError.class));
        assertTrue(java.util.NoSuchElementException.class.isAssignableFrom(KeyError.class));
        assertTrue(IllegalArgumentException.class.isAssignableFrom(ValueError.class));
        assertEquals("pop from empty list", new IndexError("pop from empty list").getMessage());
    }
}
