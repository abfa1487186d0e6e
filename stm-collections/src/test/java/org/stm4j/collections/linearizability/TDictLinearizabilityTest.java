package org.stm4j.collections.linearizability;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stm4j.collections.KeyError;
import org.stm4j.collections.TDict;

/**
 * Single {@link TDict} operations used outside transactions, each its own transaction, are
 * linearizable: Lincheck checks every concurrent history against {@link Spec}, a Python dict
 * written on {@link LinkedHashMap} (insertion order, so {@code popitem} takes the same entry).
 *
 * <p>Four keys: concurrent {@code put}s of new keys, {@code remove}s and {@code popitem}s keep
 * changing the size and the order that {@code len} and {@code popitem} read.
 */
@Param(name = "key", gen = IntGen.class, conf = "1:4")
@Param(name = "value", gen = IntGen.class, conf = "1:4")
public class TDictLinearizabilityTest {

    /** The result of an operation that raised {@code KeyError}. */
    static final String KEY_ERROR = "KeyError";

    private final TDict<Integer, Integer> dict = new TDict<>();

    /** {@code d[k] = v}, Java's {@code put}: the previous value or null. */
    @Operation
    public Integer put(@Param(name = "key") int key, @Param(name = "value") int value) {
        LincheckRuns.checkOutsideTransaction();
        return dict.put(key, value);
    }

    /** {@code d.get(k)}. */
    @Operation
    public Integer get(@Param(name = "key") int key) {
        LincheckRuns.checkOutsideTransaction();
        return dict.get(key);
    }

    /** Java's {@code remove}: the removed value or null. */
    @Operation
    public Integer remove(@Param(name = "key") int key) {
        LincheckRuns.checkOutsideTransaction();
        return dict.remove(key);
    }

    /** {@code d.setdefault(k, v)}. */
    @Operation
    public Integer setdefault(@Param(name = "key") int key, @Param(name = "value") int value) {
        LincheckRuns.checkOutsideTransaction();
        return dict.setdefault(key, value);
    }

    /** {@code d.popitem()}: the last inserted entry as {@code [key, value]}, or {@link #KEY_ERROR}. */
    @Operation
    public Object popitem() {
        LincheckRuns.checkOutsideTransaction();
        try {
            Map.Entry<Integer, Integer> e = dict.popitem();
            return List.of(e.getKey(), e.getValue());
        } catch (KeyError e) {
            return KEY_ERROR;
        }
    }

    /** {@code len(d)}. */
    @Operation
    public int len() {
        LincheckRuns.checkOutsideTransaction();
        return dict.len();
    }

    /** {@code k in d}. */
    @Operation
    public boolean containsKey(@Param(name = "key") int key) {
        LincheckRuns.checkOutsideTransaction();
        return dict.containsKey(key);
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelCheck(getClass(), Spec.class, false);
    }

    @Test
    void stress() {
        LincheckRuns.stress(getClass(), Spec.class, false);
    }

    @Test
    @Tag("slow")
    void modelCheckingHeavy() {
        LincheckRuns.modelCheck(getClass(), Spec.class, true);
    }

    @Test
    @Tag("slow")
    void stressHeavy() {
        LincheckRuns.stress(getClass(), Spec.class, true);
    }

    /** The sequential specification: Python's dict semantics on a {@link LinkedHashMap}. */
    public static final class Spec {
        private final LinkedHashMap<Integer, Integer> map = new LinkedHashMap<>();

        /** @param key k @param value v @return the previous value */
        public Integer put(int key, int value) {
            return map.put(key, value);
        }

        /** @param key k @return the value or null */
        public Integer get(int key) {
            return map.get(key);
        }

        /** @param key k @return the removed value or null */
        public Integer remove(int key) {
            return map.remove(key);
        }

        /** @param key k @param value stored if absent @return the value now mapped */
        public Integer setdefault(int key, int value) {
            return map.computeIfAbsent(key, k -> value);
        }

        /** @return the last inserted entry as {@code [key, value]}, removed, or {@link #KEY_ERROR} */
        public Object popitem() {
            Map.Entry<Integer, Integer> last = null;
            for (Iterator<Map.Entry<Integer, Integer>> it = map.entrySet().iterator(); it.hasNext();) {
                last = it.next();
            }
            if (last == null) {
                return KEY_ERROR;
            }
            map.remove(last.getKey());
            return List.of(last.getKey(), last.getValue());
        }

        /** @return the size */
        public int len() {
            return map.size();
        }

        /** @param key k @return whether mapped */
        public boolean containsKey(int key) {
            return map.containsKey(key);
        }

        @Override
        public boolean equals(Object o) {
            // Order matters: it decides what popitem returns.
            return o instanceof Spec && List.copyOf(((Spec) o).map.entrySet()).equals(List.copyOf(map.entrySet()));
        }

        @Override
        public int hashCode() {
            return map.hashCode();
        }
    }
}
