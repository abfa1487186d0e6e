package org.stm4j.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceConfigurationError;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stm4j.AbortCause;

/**
 * Provider names are validated when the providers are loaded: a name must match
 * {@code [a-z0-9][a-z0-9-]*}, and a manager's {@code name()} must be the name it was created for.
 * Each provider here is registered only in a {@code META-INF/services} file written to a temporary
 * directory, and looked up through a class loader over it, so no other test sees it.
 */
class ProviderValidationTest {

    /** A policy whose name() is fixed at construction. */
    record Named(String name) implements ContentionManager {
        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            return AttemptMode.OPTIMISTIC;
        }
    }

    /** Declares a name with capitals (the defect of issue 18: listed, never selectable). */
    public static final class UpperCaseProvider implements ContentionManagerProvider {
        @Override
        public Set<String> names() {
            return Set.of("Probe-Upper");
        }

        @Override
        public ContentionManager create(String name) {
            return new Named(name);
        }
    }

    /** Declares "probe-a", but its manager calls itself "probe-b". */
    public static final class MismatchedProvider implements ContentionManagerProvider {
        @Override
        public Set<String> names() {
            return Set.of("probe-a");
        }

        @Override
        public ContentionManager create(String name) {
            return new Named("probe-b");
        }
    }

    /** A well-formed provider. */
    public static final class GoodProvider implements ContentionManagerProvider {
        @Override
        public Set<String> names() {
            return Set.of("probe-good", "probe-2");
        }

        @Override
        public ContentionManager create(String name) {
            if (!names().contains(name)) {
                throw new IllegalArgumentException("unknown contention manager '" + name + "'");
            }
            return new Named(name);
        }
    }

    private static ClassLoader registering(Path dir, Class<?> provider) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve(ContentionManagerProvider.class.getName()), provider.getName() + "\n",
                StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ProviderValidationTest.class.getClassLoader());
    }

    @Test
    void aNameWithCapitalsIsRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        ClassLoader loader = registering(dir, UpperCaseProvider.class);
        ServiceConfigurationError e = assertThrows(ServiceConfigurationError.class,
                () -> ContentionManagers.knownNames(loader));
        assertTrue(e.getMessage().contains(UpperCaseProvider.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains("'Probe-Upper'") && e.getMessage().contains("[a-z0-9][a-z0-9-]*"),
                e.getMessage());
        ServiceConfigurationError byName = assertThrows(ServiceConfigurationError.class,
                () -> ContentionManagers.named("probe-upper", loader));
        assertEquals(e.getMessage(), byName.getMessage());
    }

    @Test
    void aManagerWhoseNameDisagreesWithItsProviderIsRefused(@TempDir Path dir) throws IOException {
        ClassLoader loader = registering(dir, MismatchedProvider.class);
        ServiceConfigurationError e = assertThrows(ServiceConfigurationError.class,
                () -> ContentionManagers.named("probe-a", loader));
        assertTrue(e.getMessage().contains(MismatchedProvider.class.getName())
                && e.getMessage().contains("'probe-a'") && e.getMessage().contains("'probe-b'"), e.getMessage());
    }

    @Test
    void wellFormedNamesAreSelectableAndDescribed(@TempDir Path dir) throws IOException {
        ClassLoader loader = registering(dir, GoodProvider.class);
        assertTrue(ContentionManagers.knownNames(loader).containsAll(Set.of("probe-good", "probe-2", "default")));
        assertEquals("probe-good", ContentionManagers.named(" Probe-Good ", loader).name());
        assertEquals("probe-2", ContentionManagers.named("probe-2", loader).name());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> ContentionManagers.named("probe-3", loader));
        assertTrue(unknown.getMessage().contains("probe-good"), unknown.getMessage());
    }
}
