/** stm4j contention managers (selectable by short name) and the experiment runner. */
module org.stm4j.cm {
    requires transitive org.stm4j;
    requires org.stm4j.collections;

    exports org.stm4j.cm;

    provides org.stm4j.spi.ContentionManagerProvider with org.stm4j.cm.PolicyRegistry;
}
