package org.stm4j.collections.differential;

import java.util.List;

/**
 * One case of the CPython corpus: initial contents (a list of elements, or of {@code [key, value]}
 * pairs for a dict) and the operations applied in order. {@code line} is the line of the corpus
 * file, so a failure can be found (and re-run in CPython) at once.
 */
record CorpusCase(String type, int line, String name, List<Object> init, List<CorpusOp> ops) {

    @Override
    public String toString() {
        return type + ".jsonl:" + line + " " + name;
    }
}
