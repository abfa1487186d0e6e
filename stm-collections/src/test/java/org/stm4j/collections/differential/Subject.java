package org.stm4j.collections.differential;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;
import org.stm4j.collections.TSet;

/**
 * One collection under test, driven by corpus operation names. {@link #apply} calls the Java
 * method the corpus names and returns its result in the corpus' JSON shapes (lists for
 * sequences, {@code [key, value]} lists for entries, canonical order for sets, {@code null} for
 * {@code void}); exceptions thrown by the collection propagate. {@link #state} is the whole
 * contents in the same shapes.
 */
interface Subject {

    Object apply(String op, List<Object> args);

    List<Object> state();

    /** Python's {@code key=lambda s: s[0]}: strings compared by their first character only. */
    Comparator<Object> FIRST_LETTER = Comparator.comparing((Object o) -> ((String) o).charAt(0));

    /**
     * Canonical order of set members, as gen.py's {@code set_key}: null, then integers ascending,
     * then strings ascending (ASCII, so Java's and Python's string orders agree).
     */
    Comparator<Object> SET_ORDER = Comparator.comparingInt(Subject::rank).thenComparing((a, b) -> {
        if (a instanceof Integer x) {
            return Integer.compare(x, (Integer) b);
        }
        return a == null ? 0 : ((String) a).compareTo((String) b);
    });

    private static int rank(Object o) {
        if (o == null) {
            return 0;
        }
        if (o instanceof Integer) {
            return 1;
        }
        if (o instanceof String) {
            return 2;
        }
        throw new IllegalArgumentException("unexpected set member " + o);
    }

    /**
     * Decodes an argument: {@code $self} is {@code self}; {@code $pairs} an ordered map (a
     * {@code LinkedHashMap}, or a {@code TDict} with {@code "$as": "TDict"}); {@code $items} a
     * {@code TList} or {@code TSet} ({@code "$as"}); anything else is taken as it is.
     */
    static Object decode(Object json, Object self) {
        if (!(json instanceof Map<?, ?> map)) {
            return json;
        }
        if (map.containsKey("$self")) {
            return self;
        }
        Object as = map.get("$as");
        if (map.containsKey("$items")) {
            List<Object> items = Corpus.asList(map.get("$items"));
            if ("TList".equals(as)) {
                return TList.from(items);
            }
            if ("TSet".equals(as)) {
                return TSet.from(items);
            }
            throw new IllegalArgumentException("unknown $as " + as);
        }
        Map<Object, Object> m = new LinkedHashMap<>(); // dict(pairs): first position, last value
        for (Object pair : Corpus.asList(map.get("$pairs"))) {
            List<Object> kv = Corpus.asList(pair);
            m.put(kv.get(0), kv.get(1));
        }
        if (as == null) {
            return m;
        }
        if ("TDict".equals(as)) {
            return TDict.from(m);
        }
        throw new IllegalArgumentException("unknown $as " + as);
    }

    /** A decoded iterable argument: a JSON list, or the collection itself. */
    @SuppressWarnings("unchecked") // the corpus holds elements of any type: Iterable<Object>
    static Iterable<Object> iterable(Object json, Object self) {
        return (Iterable<Object>) decode(json, self);
    }

    /** A decoded mapping argument: {@code $pairs}, or the dict itself. */
    @SuppressWarnings("unchecked") // the corpus holds keys and values of any type
    static Map<Object, Object> mapping(Object json, Object self) {
        return (Map<Object, Object>) decode(json, self);
    }

    static Integer integer(Object json) {
        return (Integer) json;
    }

    static List<Object> pair(Map.Entry<?, ?> e) {
        List<Object> kv = new ArrayList<>(2);
        kv.add(e.getKey());
        kv.add(e.getValue());
        return kv;
    }

    static List<Object> pairs(Iterable<? extends Map.Entry<?, ?>> entries) {
        List<Object> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : entries) {
            out.add(pair(e));
        }
        return out;
    }

    static List<Object> sorted(Iterable<?> set) {
        List<Object> out = new ArrayList<>();
        set.forEach(out::add);
        out.sort(SET_ORDER);
        return out;
    }

    static List<Object> listOf(Iterable<?> seq) {
        List<Object> out = new ArrayList<>();
        seq.forEach(out::add);
        return out;
    }
}
