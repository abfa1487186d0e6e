package org.example.elder;

import java.util.Set;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;

// region research-provider
/** Makes "elder" selectable by name: listed in META-INF/services/org.stm4j.spi.ContentionManagerProvider. */
public final class ElderPolicies implements ContentionManagerProvider {

    @Override
    public Set<String> names() {
        return Set.of("elder"); // lower case: [a-z0-9][a-z0-9-]*
    }

    @Override
    public ContentionManager create(String name) {
        if (!name.equals("elder")) {
            throw new IllegalArgumentException("unknown contention manager '" + name + "'");
        }
        return new ElderManager(); // its name() must be the name asked for
    }
}
// endregion
