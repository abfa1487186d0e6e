package org.stm4j.spi;

import java.util.Set;

/**
 * A source of contention managers by short name, found with {@link java.util.ServiceLoader}
 * (declare it with {@code provides org.stm4j.spi.ContentionManagerProvider with ...} in a module,
 * or in {@code META-INF/services} on the class path).
 */
public interface ContentionManagerProvider {

    /**
     * The short names this provider can create.
     *
     * @return the names, lower case
     */
    Set<String> names();

    /**
     * Creates the manager called {@code name}.
     *
     * @param name one of {@link #names()}
     * @return a new manager
     * @throws IllegalArgumentException if {@code name} is not one of {@link #names()}
     */
    ContentionManager create(String name);
}
