package org.stm4j.collections.differential;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * The replay harness can fail: correct plain-Java models of a few operations pass selected
 * corpus cases, and the same models with a typical bug (Java's {@code get(-1)}, "sort then
 * reverse" for a reversed sort, an overwrite that moves the key to the end) are caught, with a
 * message that names the corpus line, the operation and both outcomes.
 */
class ReplaySelfTest {

    private static CorpusCase find(String type, String name) {
        return Corpus.load(type).stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no case '" + name + "' in " + type + ".jsonl"));
    }

    private static void passes(CorpusCase c, Function<List<Object>, Subject> model) {
        for (Replay.Mode mode : Replay.Mode.values()) {
            assertDoesNotThrow(() -> Replay.check(c, model, mode));
        }
    }

    private static String fails(CorpusCase c, Function<List<Object>, Subject> model) {
        String message = assertThrows(AssertionFailedError.class, () -> Replay.check(c, model, Replay.Mode.EACH_OP_ITS_OWN_TRANSACTION))
                .getMessage();
        assertTrue(message.startsWith(c.toString()), message);
        return message;
    }

    @Test
    void negativeIndicesFollowPython() {
        CorpusCase c = find("list", "getItem every index, len 3");
        passes(c, init -> ModelSubjects.list(init, false, false));
        passes(find("list", "pop(-1) until empty, len 3"), init -> ModelSubjects.list(init, false, false));
        String m = fails(c, init -> ModelSubjects.list(init, true, false));
        assertTrue(m.contains("op #0 getItem(-5)") && m.contains("java.lang.IndexOutOfBoundsException"), m);
    }

    @Test
    void reversedSortMustStayStable() {
        for (String name : List.of("sort by first letter, stable, reverse=True", "sort all-equal keys, reverse=True")) {
            CorpusCase c = find("list", name);
            passes(c, init -> ModelSubjects.list(init, false, false));
            String m = fails(c, init -> ModelSubjects.list(init, false, true));
            assertTrue(m.contains("sort("), m);
        }
    }

    @Test
    void overwriteKeepsTheKeysPlace() {
        CorpusCase overwrite = find("dict", "overwrite keeps the position");
        CorpusCase reinsert = find("dict", "delete then re-insert moves to the end");
        passes(overwrite, init -> ModelSubjects.dict(init, false));
        passes(reinsert, init -> ModelSubjects.dict(init, false));
        String m = fails(overwrite, init -> ModelSubjects.dict(init, true));
        assertTrue(m.contains("op #0 put('a', 10)") && m.contains("state [['b', 2], ['c', 3], ['a', 10]]"), m);
    }
}
