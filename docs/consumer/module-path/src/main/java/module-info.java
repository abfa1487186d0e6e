/** A user's module: reads only the exported API of stm4j. */
module org.stm4j.example {
    requires org.stm4j;
    requires org.stm4j.collections;
}
