package org.stm4j.collections.differential;

import static org.stm4j.collections.differential.Subject.iterable;
import static org.stm4j.collections.differential.Subject.mapping;
import static org.stm4j.collections.differential.Subject.pairs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stm4j.collections.TDict;

/** Drives a {@link TDict} by the corpus' operation names (see gen.py's {@code DICT_OPS}). */
final class DictSubject implements Subject {
    private final TDict<Object, Object> dict;

    DictSubject(List<Object> init) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (Object pair : init) {
            List<Object> kv = Corpus.asList(pair);
            m.put(kv.get(0), kv.get(1));
        }
        this.dict = TDict.from(m);
    }

    @Override
    public Object apply(String op, List<Object> a) {
        int n = a.size();
        switch (op) {
            case "put" -> {
                return dict.put(a.get(0), a.get(1));
            }
            case "setItem" -> dict.setItem(a.get(0), a.get(1));
            case "getItem" -> {
                return dict.getItem(a.get(0));
            }
            case "get" -> {
                return n == 1 ? dict.get(a.get(0)) : dict.get(a.get(0), a.get(1));
            }
            case "setdefault" -> {
                return dict.setdefault(a.get(0), a.get(1));
            }
            case "pop" -> {
                return n == 1 ? dict.pop(a.get(0)) : dict.pop(a.get(0), a.get(1));
            }
            case "remove" -> {
                return dict.remove(a.get(0));
            }
            case "popitem" -> {
                return Subject.pair(dict.popitem());
            }
            case "update" -> dict.update(mapping(a.get(0), dict));
            case "delItem" -> dict.delItem(a.get(0));
            case "keys" -> {
                return Subject.listOf(dict.keys());
            }
            case "values" -> {
                return Subject.listOf(dict.values());
            }
            case "items" -> {
                return pairs(dict.items());
            }
            case "len" -> {
                return dict.len();
            }
            case "clear" -> dict.clear();
            case "containsKey" -> {
                return dict.containsKey(a.get(0));
            }
            case "fromkeys" -> {
                return pairs(TDict.fromkeys(iterable(a.get(0), dict), a.get(1)).entrySet());
            }
            case "union" -> {
                return fresh(dict.union(mapping(a.get(0), dict)));
            }
            case "copy" -> {
                return fresh(dict.copy());
            }
            default -> throw new IllegalArgumentException("unknown dict op " + op);
        }
        return null;
    }

    /** A result dict must be a new TDict, never the receiver. */
    private List<Object> fresh(TDict<Object, Object> result) {
        if (result == dict) {
            throw new AssertionError("returned the receiver instead of a new dict");
        }
        return pairs(result.entrySet());
    }

    @Override
    public List<Object> state() {
        return pairs(dict.entrySet());
    }
}
