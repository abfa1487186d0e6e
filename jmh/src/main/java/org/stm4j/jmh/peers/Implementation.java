package org.stm4j.jmh.peers;

/**
 * One competitor's way of building the shared structures of the four workload families. Every
 * structure hands out per-thread clients ({@code client(Tally)}) whose blocks are created once,
 * with their arguments passed through the client's fields, so an operation allocates nothing the
 * implementation itself does not.
 */
interface Implementation {

    /** A variable holding {@code initial}. */
    SharedVar newVar(Long initial);

    /** Two lists, {@code first} and {@code second}, holding the given items in that order. */
    ListPair newLists(Integer[] first, Integer[] second);

    /** A dict holding {@code keys[i] -> values[i]}. */
    Dict newDict(Integer[] keys, Long[] values);

    /** Two dicts over the same keys, {@code keys[i] -> firstValues[i]} and {@code keys[i] -> secondValues[i]}. */
    DictPair newDicts(Integer[] keys, Long[] firstValues, Long[] secondValues);
}
