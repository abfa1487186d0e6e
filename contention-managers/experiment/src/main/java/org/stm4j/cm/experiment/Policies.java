package org.stm4j.cm.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.ContentionManagerProvider;
import org.stm4j.spi.ContentionManagers;

/**
 * Where the experiment finds its contention managers: the providers on the class path, plus those in
 * the jars given with {@code --policy-jar} (loaded through a {@link URLClassLoader} whose parent is
 * the runner's own loader, and found with {@link java.util.ServiceLoader}). Also says, for the
 * report, which provider class and which jar or directory each manager came from, with its SHA-256.
 */
final class Policies {
    private final List<Path> jars;
    private final ClassLoader loader;

    private Policies(List<Path> jars, ClassLoader loader) {
        this.jars = jars;
        this.loader = loader;
    }

    /** The class path's providers only. */
    static final Policies CLASS_PATH = new Policies(List.of(), Policies.class.getClassLoader());

    /**
     * The class path's providers plus those of {@code jars}.
     *
     * @throws IllegalArgumentException if a jar is not a readable regular file
     */
    static Policies of(List<Path> jars) {
        if (jars.isEmpty()) {
            return CLASS_PATH;
        }
        List<Path> absolute = new ArrayList<>();
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            Path p = jar.toAbsolutePath().normalize();
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new IllegalArgumentException("policy jar " + p + " is not a readable file");
            }
            if (absolute.contains(p)) {
                throw new IllegalArgumentException("policy jar " + p + " is given twice");
            }
            absolute.add(p);
            try {
                urls.add(p.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("policy jar " + p + ": " + e.getMessage(), e);
            }
        }
        return new Policies(List.copyOf(absolute),
                new URLClassLoader("stm4j-policy-jars", urls.toArray(URL[]::new), Policies.class.getClassLoader()));
    }

    /** The extra jars, absolute, in the order given. */
    List<Path> jars() {
        return jars;
    }

    /** Every manager name the providers know, sorted. */
    Set<String> knownNames() {
        return ContentionManagers.knownNames(loader);
    }

    /**
     * A new instance of the manager called {@code name}.
     *
     * @throws IllegalArgumentException if no provider knows it (the message lists the known names)
     */
    ContentionManager create(String name) {
        return ContentionManagers.named(name, loader);
    }

    /**
     * Checks that a provider knows {@code name} and creates a manager that reports that name (by
     * creating one instance, which is dropped).
     *
     * @throws IllegalArgumentException  if no provider knows it (the message lists the known names)
     * @throws java.util.ServiceConfigurationError if its provider breaks the naming rules
     */
    void require(String name) {
        ContentionManagers.named(name, loader);
    }

    /**
     * One line saying where {@code name} comes from: the provider class, its jar or class directory and
     * the SHA-256 of that jar (of the provider's class file when it was loaded from a directory).
     */
    String provenance(String name) {
        ContentionManagerProvider provider = ContentionManagers.providerOf(name, loader);
        Class<?> type = provider.getClass();
        CodeSource source = type.getProtectionDomain().getCodeSource();
        String where = "location unknown";
        String sha = "unknown";
        if (source != null && source.getLocation() != null) {
            where = source.getLocation().toString();
            try {
                Path p = Path.of(source.getLocation().toURI());
                if (Files.isRegularFile(p)) {
                    sha = sha256(Files.readAllBytes(p));
                } else {
                    try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
                        sha = in == null ? "unknown" : sha256(in.readAllBytes()) + " (of " + type.getSimpleName()
                                + ".class; a directory has no single checksum)";
                    }
                }
            } catch (URISyntaxException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                sha = "unknown (" + e.getMessage() + ")";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "manager " + name + ": provider " + type.getName() + ", from " + where + ", sha256 " + sha;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
