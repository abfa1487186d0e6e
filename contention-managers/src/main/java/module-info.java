/** stm4j contention managers, each selectable by short name (the experiment runner is a module of its own). */
// Agrona 2.x is an automatic module (Automatic-Module-Name: org.agrona in its manifest)
@SuppressWarnings("requires-automatic")
module org.stm4j.cm {
    requires transitive org.stm4j;
    // the idle strategies of the gates' polling waits (Pause.idler); not in any public signature
    requires org.agrona;
    // the API's nullness annotations (JSpecify): read by compilers and tools, never needed at run time
    // (static); transitive so that modules reading this one can read the annotations on its signatures
    requires static transitive org.jspecify;

    exports org.stm4j.cm;

    provides org.stm4j.spi.ContentionManagerProvider with org.stm4j.cm.PolicyRegistry;
}
