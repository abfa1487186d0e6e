package org.stm4j.internal.cm;

import java.util.Set;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;

/** Provides the policy built into stm-core: {@code "default"}, one shared stateless instance. */
public final class BuiltInContentionManagers implements ContentionManagerProvider {
    private static final DefaultContentionManager DEFAULT = new DefaultContentionManager();

    /** For {@link java.util.ServiceLoader}. */
    public BuiltInContentionManagers() {
    }

    @Override
    public Set<String> names() {
        return Set.of("default");
    }

    @Override
    public ContentionManager create(String name) {
        if (!"default".equals(name)) {
            throw new IllegalArgumentException("unknown contention manager '" + name + "'");
        }
        return DEFAULT;
    }
}
