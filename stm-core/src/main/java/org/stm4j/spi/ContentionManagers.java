package org.stm4j.spi;

import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/** Looks contention managers up by short name among every {@link ContentionManagerProvider} present. */
public final class ContentionManagers {

    private ContentionManagers() {
    }

    /**
     * Creates the manager with the given short name (case-insensitive).
     *
     * @param name the short name, e.g. {@code "default"} or {@code "backoff"}
     * @return a new manager
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if no provider knows the name; the message lists the known names
     */
    public static ContentionManager named(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        for (ContentionManagerProvider provider : providers()) {
            if (provider.names().contains(key)) {
                return provider.create(key);
            }
        }
        throw new IllegalArgumentException(
                "unknown contention manager '" + name + "'; known: " + String.join(", ", knownNames()));
    }

    /**
     * Every short name a provider on the module or class path knows, sorted.
     *
     * @return the names
     */
    public static Set<String> knownNames() {
        Set<String> names = new TreeSet<>();
        for (ContentionManagerProvider provider : providers()) {
            names.addAll(provider.names());
        }
        return names;
    }

    private static Iterable<ContentionManagerProvider> providers() {
        return ServiceLoader.load(ContentionManagerProvider.class, ContentionManagers.class.getClassLoader());
    }
}
