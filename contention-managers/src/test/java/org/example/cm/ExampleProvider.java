package org.example.cm;

import java.util.Set;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;

/** Makes {@link TakeTurnsManager} selectable by name, registered in {@code META-INF/services}. */
public final class ExampleProvider implements ContentionManagerProvider {
    /** The one instance handed out by name (so a test can read its counters). */
    public static final TakeTurnsManager SHARED = new TakeTurnsManager();

    @Override
    public Set<String> names() {
        return Set.of("take-turns");
    }

    @Override
    public ContentionManager create(String name) {
        if (!"take-turns".equals(name)) {
            throw new IllegalArgumentException("unknown contention manager '" + name + "'");
        }
        return SHARED;
    }
}
