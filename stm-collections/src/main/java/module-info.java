/** stm4j collections: Python-style transactional list, dict, set and queue built on stm4j. */
module org.stm4j.collections {
    requires transitive org.stm4j;
    // the API's nullness annotations (JSpecify): read by compilers and tools, never needed at run time
    // (static); transitive so that modules reading this one can read the annotations on its signatures
    requires static transitive org.jspecify;

    exports org.stm4j.collections;
}
