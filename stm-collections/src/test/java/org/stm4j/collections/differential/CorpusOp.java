package org.stm4j.collections.differential;

import java.util.List;

/**
 * One recorded operation of a case: its Java method name and arguments (JSON shapes, with
 * {@code {"$self": true}}, {@code {"$pairs": [...]}} and {@code {"$items": [...]}}
 * placeholders still in, see {@link Subject#decode}), and what CPython
 * answered.
 *
 * <p>Normally {@code expected} and {@code state} are exact. A set {@code pop} on two or more
 * elements is arbitrary in CPython: then {@code anyOf} lists the acceptable results, the state
 * must be the previous state without the popped element, and {@code expected}/{@code state} are
 * null.
 */
record CorpusOp(String op, List<Object> args, Outcome expected, List<Object> state, List<Object> anyOf) {

    boolean arbitraryPop() {
        return anyOf != null;
    }

    @Override
    public String toString() {
        return op + Corpus.show(args).replaceFirst("^\\[", "(").replaceFirst("]$", ")");
    }
}
