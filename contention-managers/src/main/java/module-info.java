/** stm4j contention managers (selectable by short name) and the experiment runner. */
module org.stm4j.cm {
    requires transitive org.stm4j;
    requires org.stm4j.collections;
    // the API's nullness annotations (JSpecify): read by compilers and tools, never needed at run time
    // (static); transitive so that modules reading this one can read the annotations on its signatures
    requires static transitive org.jspecify;

    exports org.stm4j.cm;

    provides org.stm4j.spi.ContentionManagerProvider with org.stm4j.cm.PolicyRegistry;
}
