/** stm4j contention managers, each selectable by short name (the experiment runner is a module of its own). */
module org.stm4j.cm {
    requires transitive org.stm4j;
    // the API's nullness annotations (JSpecify): read by compilers and tools, never needed at run time
    // (static); transitive so that modules reading this one can read the annotations on its signatures
    requires static transitive org.jspecify;

    exports org.stm4j.cm;

    provides org.stm4j.spi.ContentionManagerProvider with org.stm4j.cm.PolicyRegistry;
}
