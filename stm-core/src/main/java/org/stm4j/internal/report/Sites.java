package org.stm4j.internal.report;

import java.lang.StackWalker.StackFrame;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Call sites of atomic blocks: the first frame outside stm4j below the innermost running
 * {@code execute} of the engine, as {@code com.example.Bank.transfer(Bank.java:42)}.
 *
 * <p>"Outside stm4j" means outside the library's own classes: those of the library's packages that
 * were loaded from a library location (a jar or classes directory). Neither alone will do: an
 * application's (or a test's) classes may share the library's package names, and an uber-jar puts the
 * application's classes in the library's location. stm-core is a library location from the start;
 * other stm4j modules add theirs ({@link #addLibrary(Class)}). Platform classes (such as a {@code forEach} between the user's
 * code and the block) are skipped unless nothing else is found.
 *
 * <p>A block whose class is the application's (a lambda written at the call site) has one site, found
 * by one stack walk the first time that class runs and cached per class ({@link #cachedSiteOf}); a
 * block whose class is the library's (a collection's single operation run as its own transaction)
 * is located by a walk each time it is needed, which the recorder does only at an abort.
 */
public final class Sites {
    private static final String ENGINE = "org.stm4j.internal.TxnContext";
    /** The winner's name for a collection's single operation called outside a block (its caller is not walked). */
    public static final String COLLECTION_OPERATION_OUTSIDE = "a collection operation outside a transaction";
    /** The winner's name for a {@code TVar.set} outside a block (its caller is not walked). */
    public static final String TVAR_WRITE_OUTSIDE = "a TVar write outside a transaction";
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Set<String> LIBRARY_LOCATIONS = ConcurrentHashMap.newKeySet();

    /**
     * The library's packages. A class is the library's if it is in one of these <em>and</em> was loaded
     * from a library location: an application's or a test's classes may share the packages (loaded from
     * elsewhere), and an uber-jar shares the location (but not the packages).
     */
    private static final Set<String> LIBRARY_PACKAGES = Set.of("org.stm4j", "org.stm4j.spi", "org.stm4j.access",
            "org.stm4j.collections", "org.stm4j.collections.internal", "org.stm4j.cm");

    private static final ClassValue<Boolean> IS_LIBRARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            String pkg = type.getPackageName();
            if (!LIBRARY_PACKAGES.contains(pkg) && !pkg.startsWith("org.stm4j.internal")) {
                return false;
            }
            String location = locationOf(type);
            return location != null && LIBRARY_LOCATIONS.contains(location);
        }
    };

    /** Marks a library class in {@link #SITE_OF_BLOCK_CLASS} (compared by identity). */
    private static final String LIBRARY = new String("<library>");

    /** Per block class: its site (one walk, the first time), or {@link #LIBRARY}. */
    private static final ClassValue<String> SITE_OF_BLOCK_CLASS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            if (isLibrary(type)) {
                return LIBRARY;
            }
            String site = walk();
            return site != null ? site : "unknown";
        }
    };

    /** Per library block class: what to call it when its caller is unknown. */
    private static final ClassValue<String> LIBRARY_BLOCK_NAME = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return nameLibraryBlock(type);
        }
    };

    static {
        addLibrary(Sites.class);
    }

    private Sites() {
    }

    /**
     * Marks the location {@code libraryClass} was loaded from (its jar or classes directory) as the
     * library's: frames of classes from there are never call sites.
     *
     * @param libraryClass any class of an stm4j module
     */
    public static void addLibrary(Class<?> libraryClass) {
        String location = locationOf(libraryClass);
        if (location != null) {
            LIBRARY_LOCATIONS.add(location);
        }
    }

    private static @Nullable String locationOf(Class<?> type) {
        try {
            ProtectionDomain pd = type.getProtectionDomain();
            CodeSource cs = pd == null ? null : pd.getCodeSource();
            URL url = cs == null ? null : cs.getLocation();
            return url == null ? null : url.toString();
        } catch (SecurityException e) {
            return null;
        }
    }

    /** Whether {@code type} is one of the library's classes. */
    static boolean isLibrary(Class<?> type) {
        return IS_LIBRARY.get(type);
    }

    /**
     * The site of a block of class {@code blockClass}, if that class is the application's (cached
     * after one walk, which runs on the calling thread: call it from inside the block's
     * {@code execute}); null for a library class, whose site depends on the caller.
     */
    static @Nullable String cachedSiteOf(Class<?> blockClass) {
        String site = SITE_OF_BLOCK_CLASS.get(blockClass);
        return site == LIBRARY ? null : site;
    }

    /** The site of the running block, by a stack walk of the calling thread (which must be inside it). */
    public static String current() {
        String site = walk();
        return site != null ? site : "unknown";
    }

    /** A short name for a block of a library class, for when its caller is unknown (cached per class). */
    static String describeLibraryBlock(Class<?> blockClass) {
        return LIBRARY_BLOCK_NAME.get(blockClass);
    }

    private static String nameLibraryBlock(Class<?> blockClass) {
        String name = blockClass.getName();
        if (name.startsWith("org.stm4j.access.")) {
            return COLLECTION_OPERATION_OUTSIDE;
        }
        int lambda = name.indexOf("$$");
        if (lambda >= 0) {
            name = name.substring(0, lambda);
        }
        int dollar = name.indexOf('$');
        if (dollar >= 0) {
            name = name.substring(0, dollar);
        }
        return name.substring(name.lastIndexOf('.') + 1) + " operation";
    }

    private static @Nullable String walk() {
        return WALKER.walk(Sites::siteIn);
    }

    private static @Nullable String siteIn(Stream<StackFrame> frames) {
        boolean inBlock = false;
        StackFrame platform = null;
        for (Iterator<StackFrame> it = frames.iterator(); it.hasNext(); ) {
            StackFrame f = it.next();
            if (!inBlock) {
                inBlock = f.getClassName().equals(ENGINE) && f.getMethodName().startsWith("execute");
                continue;
            }
            Class<?> c = f.getDeclaringClass();
            if (isLibrary(c)) {
                continue;
            }
            ClassLoader loader = c.getClassLoader();
            if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
                if (platform == null) {
                    platform = f;
                }
                continue;
            }
            return format(f);
        }
        return platform == null ? null : format(platform);
    }

    private static String format(StackFrame f) {
        String file = f.getFileName();
        int line = f.getLineNumber();
        return f.getClassName() + "." + f.getMethodName() + "("
                + (file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file) + ")";
    }
}
