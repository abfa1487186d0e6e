package org.stm4j.spi;

import java.util.Set;

/**
 * A source of contention managers by short name, found with {@link java.util.ServiceLoader}
 * (declare it with {@code provides org.stm4j.spi.ContentionManagerProvider with ...} in a module,
 * or in {@code META-INF/services} on the class path).
 *
 * <p>Names follow one rule, checked whenever the providers are loaded: each matches
 * {@value ContentionManagers#NAME_RULE} and no other provider declares it; and the manager
 * {@link #create} returns for a name reports that same name from {@link ContentionManager#name()}.
 * A provider that breaks the rule is refused with a {@link java.util.ServiceConfigurationError}
 * (see {@link ContentionManagers}).
 */
public interface ContentionManagerProvider {

    /**
     * The short names this provider can create.
     *
     * @return the names, each matching {@value ContentionManagers#NAME_RULE}
     */
    Set<String> names();

    /**
     * Creates the manager called {@code name}.
     *
     * @param name one of {@link #names()}
     * @return a new manager, whose {@link ContentionManager#name()} is {@code name}
     * @throws IllegalArgumentException if {@code name} is not one of {@link #names()}
     */
    ContentionManager create(String name);
}
