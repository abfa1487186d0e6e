package org.stm4j.cm;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;

/**
 * The contention managers of this module by short name, found by {@code ContentionManagers.named}
 * through {@link java.util.ServiceLoader}.
 */
public final class PolicyRegistry implements ContentionManagerProvider {
    private static final Map<String, Supplier<ContentionManager>> POLICIES = Map.of(
            "backoff", BackoffManager::new);

    /** For {@link java.util.ServiceLoader}. */
    public PolicyRegistry() {
    }

    @Override
    public Set<String> names() {
        return POLICIES.keySet();
    }

    @Override
    public ContentionManager create(String name) {
        Supplier<ContentionManager> factory = POLICIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown contention manager '" + name + "'");
        }
        return factory.get();
    }
}
