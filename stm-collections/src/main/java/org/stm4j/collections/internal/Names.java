package org.stm4j.collections.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Structure names (issue 15 §2): a given name is checked ({@link #check}); an unnamed structure gets
 * {@code "<Type>#<n>"} ({@link #next}), {@code n} counting the structures of that type created in
 * this JVM from 1: unique per type and in creation order, though not necessarily consecutive (a set's
 * internal dict or a copy made for an operation also takes a number).
 */
public final class Names {
    private static final ConcurrentHashMap<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

    private Names() {
    }

    /**
     * {@code name}, if it is a valid structure name.
     *
     * @throws NullPointerException ({@code "name"}) if it is null
     * @throws IllegalArgumentException if it is empty or blank
     */
    public static String check(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a structure name must not be empty or blank: \"" + name + "\"");
        }
        return name;
    }

    /** The next default name of a structure of {@code type}: {@code "TDict#3"}. */
    public static String next(String type) {
        return type + "#" + COUNTERS.computeIfAbsent(type, t -> new AtomicLong()).incrementAndGet();
    }
}
