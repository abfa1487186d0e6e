/** stm4j collections: Python-style transactional list, dict, set and queue built on stm4j. */
module org.stm4j.collections {
    requires transitive org.stm4j;

    exports org.stm4j.collections;
}
