package org.stm4j.spi;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Looks contention managers up by short name among every {@link ContentionManagerProvider} present.
 *
 * <p><b>Names.</b> A short name is lower case: it matches {@value #NAME_RULE} (ASCII letters, digits and
 * {@code -}, starting with a letter or digit). Lookups are case-insensitive (the name asked for is
 * trimmed and lower-cased), so a name that breaks the rule could be listed but never selected. The
 * providers are therefore validated each time they are loaded (every lookup loads them): a provider
 * that declares a name breaking the rule, no names at all, or a name another provider already declares,
 * is refused with a {@link ServiceConfigurationError} naming the provider class, where it was loaded
 * from and the offending name — as {@link ServiceLoader} itself reports a provider it cannot load. A
 * manager whose {@link ContentionManager#name()} differs from the name it was created for is refused
 * the same way when it is created.
 */
public final class ContentionManagers {

    /** The rule every short name matches. */
    public static final String NAME_RULE = "[a-z0-9][a-z0-9-]*";

    private static final Pattern NAME = Pattern.compile(NAME_RULE);

    private ContentionManagers() {
    }

    /**
     * Creates the manager with the given short name (case-insensitive).
     *
     * @param name the short name, e.g. {@code "default"} or {@code "backoff"}
     * @return a new manager
     * @throws NullPointerException       if {@code name} is null
     * @throws IllegalArgumentException   if no provider knows the name; the message lists the known names
     * @throws ServiceConfigurationError  if a provider breaks the naming rules (see the class comment)
     */
    public static ContentionManager named(String name) {
        return named(name, ContentionManagers.class.getClassLoader());
    }

    /**
     * As {@link #named(String)}, among the providers {@code loader} finds (for example a
     * {@link java.net.URLClassLoader} over jars that hold policies of one's own).
     *
     * @param name   the short name (case-insensitive)
     * @param loader the class loader the providers are looked up with
     * @return a new manager
     * @throws NullPointerException       if an argument is null
     * @throws IllegalArgumentException   if no provider knows the name; the message lists the known names
     * @throws ServiceConfigurationError  if a provider breaks the naming rules (see the class comment)
     */
    public static ContentionManager named(String name, ClassLoader loader) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        ContentionManagerProvider provider = providerOf(key, loader);
        ContentionManager manager = provider.create(key);
        if (manager == null || !key.equals(manager.name())) {
            throw new ServiceConfigurationError(ContentionManagerProvider.class.getName() + ": "
                    + describe(provider) + " was asked for '" + key + "' and created "
                    + (manager == null ? "null" : "a manager whose name() is '" + manager.name() + "' ("
                            + manager.getClass().getName() + ")")
                    + "; a manager's name() must be the name it was created for");
        }
        return manager;
    }

    /**
     * The provider that declares {@code name} among those {@code loader} finds: what a report of an
     * experiment records to say where a policy came from ({@link #describe(ContentionManagerProvider)}).
     *
     * @param name   the short name (case-insensitive)
     * @param loader the class loader the providers are looked up with
     * @return the provider
     * @throws NullPointerException       if an argument is null
     * @throws IllegalArgumentException   if no provider knows the name; the message lists the known names
     * @throws ServiceConfigurationError  if a provider breaks the naming rules (see the class comment)
     */
    public static ContentionManagerProvider providerOf(String name, ClassLoader loader) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        Map<String, ContentionManagerProvider> byName = load(loader);
        ContentionManagerProvider provider = byName.get(key);
        if (provider == null) {
            throw new IllegalArgumentException("unknown contention manager '" + name + "'; known: "
                    + String.join(", ", new TreeSet<>(byName.keySet())));
        }
        return provider;
    }

    /**
     * Every short name a provider on the module or class path knows, sorted.
     *
     * @return the names
     * @throws ServiceConfigurationError if a provider breaks the naming rules (see the class comment)
     */
    public static Set<String> knownNames() {
        return knownNames(ContentionManagers.class.getClassLoader());
    }

    /**
     * Every short name a provider found by {@code loader} knows, sorted.
     *
     * @param loader the class loader the providers are looked up with
     * @return the names
     * @throws NullPointerException      if {@code loader} is null
     * @throws ServiceConfigurationError if a provider breaks the naming rules (see the class comment)
     */
    public static Set<String> knownNames(ClassLoader loader) {
        return new TreeSet<>(load(loader).keySet());
    }

    /**
     * A provider's class and the jar or directory it was loaded from, for messages and reports.
     *
     * @param provider a provider
     * @return e.g. {@code "org.stm4j.cm.PolicyRegistry (file:/.../contention-managers.jar)"}
     * @throws NullPointerException if {@code provider} is null
     */
    public static String describe(ContentionManagerProvider provider) {
        Class<?> type = provider.getClass();
        CodeSource source = type.getProtectionDomain().getCodeSource();
        return type.getName() + " (" + (source == null || source.getLocation() == null ? "location unknown"
                : source.getLocation()) + ")";
    }

    private static Map<String, ContentionManagerProvider> load(ClassLoader loader) {
        Map<String, ContentionManagerProvider> byName = new HashMap<>();
        for (ContentionManagerProvider provider
                : ServiceLoader.load(ContentionManagerProvider.class, Objects.requireNonNull(loader, "loader"))) {
            Set<String> names = provider.names();
            if (names == null || names.isEmpty()) {
                throw refused(provider, "declares no names");
            }
            List<String> sorted = new ArrayList<>();
            for (String n : names) {
                sorted.add(String.valueOf(n));
            }
            sorted.sort(null);
            for (String n : sorted) {
                if (!NAME.matcher(n).matches()) {
                    throw refused(provider, "declares the name '" + n + "', but a contention manager's name must"
                            + " match " + NAME_RULE + " (lower case letters, digits and '-'; lookups lower-case"
                            + " the name asked for, so this one could never be selected)");
                }
                ContentionManagerProvider other = byName.putIfAbsent(n, provider);
                if (other != null) {
                    throw refused(provider, "declares the name '" + n + "', which " + describe(other)
                            + " declares already");
                }
            }
        }
        return byName;
    }

    private static ServiceConfigurationError refused(ContentionManagerProvider provider, String why) {
        return new ServiceConfigurationError(ContentionManagerProvider.class.getName() + ": " + describe(provider)
                + " " + why);
    }
}
