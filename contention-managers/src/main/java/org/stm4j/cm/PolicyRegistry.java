package org.stm4j.cm;

import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;

/**
 * The contention managers of this module by short name, found by {@code ContentionManagers.named}
 * through {@link java.util.ServiceLoader}. Each {@link #create} call makes a new instance (policies
 * with shared state, such as Hourglass's token, get their own); a {@code TxnConfig} creates its
 * manager once and shares it among every thread that runs blocks with it.
 */
public final class PolicyRegistry implements ContentionManagerProvider {
    private static final Map<String, Supplier<ContentionManager>> POLICIES = Map.ofEntries(
            Map.entry("aggressive", AggressiveManager::new),
            Map.entry("suicide", SuicideManager::new),
            Map.entry("backoff", BackoffManager::new),
            Map.entry("polite", PoliteManager::new),
            Map.entry("karma", KarmaManager::new),
            Map.entry("polka", PolkaManager::new),
            Map.entry("eruption", EruptionManager::new),
            Map.entry("timestamp", TimestampManager::new),
            Map.entry("greedy", GreedyManager::new),
            Map.entry("serializer", SerializerManager::new),
            Map.entry("hourglass", HourglassManager::new),
            Map.entry("comprehensive", ComprehensiveManager::new));

    /** For {@link java.util.ServiceLoader}. */
    public PolicyRegistry() {
    }

    /**
     * The short names of this module's policies.
     *
     * @return an unmodifiable set of names
     */
    @Override
    public Set<String> names() {
        return POLICIES.keySet();
    }

    /**
     * Creates a new instance of the named policy.
     *
     * @param name one of {@link #names()}
     * @return a new manager
     * @throws IllegalArgumentException if {@code name} is not one of {@link #names()}; the message lists them
     */
    @Override
    public ContentionManager create(String name) {
        Supplier<ContentionManager> factory = name == null ? null : POLICIES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown contention manager '" + name + "'; this module knows: "
                    + String.join(", ", new java.util.TreeSet<>(POLICIES.keySet())));
        }
        return factory.get();
    }
}
