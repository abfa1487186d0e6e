/**
 * stm4j core: transactional variables ({@link org.stm4j.TVar}), atomic blocks
 * ({@link org.stm4j.Stm#atomic(Runnable)}), blocking {@code retry}/{@code orElse}, irrevocability,
 * configuration and statistics, plus the contention-manager SPI ({@code org.stm4j.spi}).
 *
 * <p>The engine lives in {@code org.stm4j.internal}, which is exported to no module. The collections
 * module reaches it only through its narrow face, {@code org.stm4j.access} (exported to
 * {@code org.stm4j.collections} only): transactional reads and writes, deferred writes, hooks, and
 * one allocation-free way to join the running transaction or start one.
 *
 * @uses org.stm4j.spi.ContentionManagerProvider contention managers found by short name
 * @provides org.stm4j.spi.ContentionManagerProvider the built-in {@code default} policy
 */
@SuppressWarnings("module") // org.stm4j.collections is built after this module
module org.stm4j {
    requires jdk.jfr;
    // the API's nullness annotations (JSpecify): read by compilers and tools, never needed at run time
    // (static); transitive so that modules reading this one can read the annotations on its signatures
    requires static transitive org.jspecify;

    exports org.stm4j;
    exports org.stm4j.spi;
    exports org.stm4j.access to org.stm4j.collections;

    uses org.stm4j.spi.ContentionManagerProvider;
    provides org.stm4j.spi.ContentionManagerProvider
            with org.stm4j.internal.cm.BuiltInContentionManagers;
}
