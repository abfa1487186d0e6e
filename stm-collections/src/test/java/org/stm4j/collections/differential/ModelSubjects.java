package org.stm4j.collections.differential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stm4j.collections.IndexError;
import org.stm4j.collections.KeyError;

/**
 * Tiny plain-Java models of a few list and dict operations, each in a correct and in a
 * deliberately broken flavour, used by {@link ReplaySelfTest} to show that the replay harness
 * passes a correct implementation and catches the bugs the corpus is meant to catch.
 */
final class ModelSubjects {
    private ModelSubjects() {
    }

    /** List model: getItem, pop, reverse, sort. {@code javaIndexing} and {@code unstableReverse} break it. */
    static Subject list(List<Object> init, boolean javaIndexing, boolean unstableReverse) {
        List<Object> l = new ArrayList<>(init);
        return new Subject() {
            @Override
            public Object apply(String op, List<Object> a) {
                switch (op) {
                    case "getItem":
                        return javaIndexing ? l.get((Integer) a.get(0)) : l.get(index(a.get(0), "list index out of range"));
                    case "pop":
                        if (l.isEmpty()) {
                            throw new IndexError("pop from empty list");
                        }
                        return l.remove(a.isEmpty() ? l.size() - 1 : index(a.get(0), "pop index out of range"));
                    case "reverse":
                        Collections.reverse(l);
                        return null;
                    case "sort":
                        @SuppressWarnings("unchecked") // natural order of the corpus' ints or strings
                        Comparator<Object> natural = (x, y) -> ((Comparable<Object>) x).compareTo(y);
                        Comparator<Object> c = a.get(0) == null ? natural : FIRST_LETTER;
                        boolean reverse = (Boolean) a.get(1);
                        if (reverse && unstableReverse) {
                            l.sort(c);
                            Collections.reverse(l);
                        } else {
                            l.sort(reverse ? c.reversed() : c);
                        }
                        return null;
                    default:
                        throw new UnsupportedOperationException(op);
                }
            }

            private int index(Object json, String message) {
                int i = (Integer) json;
                int j = i < 0 ? i + l.size() : i;
                if (j < 0 || j >= l.size()) {
                    throw new IndexError(message);
                }
                return j;
            }

            @Override
            public List<Object> state() {
                return new ArrayList<>(l);
            }
        };
    }

    /** Dict model: put, setItem, delItem, pop, setdefault, items, keys, values. {@code overwriteMoves} breaks it. */
    static Subject dict(List<Object> init, boolean overwriteMoves) {
        Map<Object, Object> d = new LinkedHashMap<>();
        for (Object pair : init) {
            List<Object> kv = Corpus.asList(pair);
            d.put(kv.get(0), kv.get(1));
        }
        return new Subject() {
            @Override
            public Object apply(String op, List<Object> a) {
                Object k = a.isEmpty() ? null : a.get(0);
                switch (op) {
                    case "put":
                        Object prev = overwriteMoves ? d.remove(k) : d.get(k);
                        d.put(k, a.get(1));
                        return prev;
                    case "setItem":
                        if (overwriteMoves) {
                            d.remove(k);
                        }
                        d.put(k, a.get(1));
                        return null;
                    case "delItem":
                        present(k);
                        d.remove(k);
                        return null;
                    case "pop":
                        present(k);
                        return d.remove(k);
                    case "setdefault":
                        if (!d.containsKey(k)) {
                            d.put(k, a.get(1));
                        }
                        return d.get(k);
                    case "items":
                        return Subject.pairs(d.entrySet());
                    case "keys":
                        return new ArrayList<>(d.keySet());
                    case "values":
                        return new ArrayList<>(d.values());
                    default:
                        throw new UnsupportedOperationException(op);
                }
            }

            private void present(Object k) {
                if (!d.containsKey(k)) {
                    throw new KeyError(k == null ? "None" : k instanceof String ? "'" + k + "'" : k.toString());
                }
            }

            @Override
            public List<Object> state() {
                return Subject.pairs(d.entrySet());
            }
        };
    }
}
