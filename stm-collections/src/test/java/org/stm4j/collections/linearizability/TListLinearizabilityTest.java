package org.stm4j.collections.linearizability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.stm4j.collections.IndexError;
import org.stm4j.collections.TList;

/**
 * Single {@link TList} operations used outside transactions, each its own transaction, are
 * linearizable: Lincheck checks every concurrent history against {@link Spec}, a Python list
 * written on {@link ArrayList}.
 *
 * <p>An {@link IndexError} is a result like any other ({@link #INDEX_ERROR}), so a concurrent
 * {@code pop} that empties the list and a {@code getItem} that then fails are both checked.
 */
@Param(name = "index", gen = IntGen.class, conf = "-3:2")
@Param(name = "value", gen = IntGen.class, conf = "1:4")
public class TListLinearizabilityTest {

    /** The result of an operation that raised {@code IndexError}. */
    static final String INDEX_ERROR = "IndexError";

    private final TList<Integer> list = new TList<>();

    /** {@code l.append(v)}. */
    @Operation
    public void append(@Param(name = "value") int value) {
        LincheckRuns.checkOutsideTransaction();
        list.append(value);
    }

    /** {@code l.insert(0, v)}. */
    @Operation
    public void insertFirst(@Param(name = "value") int value) {
        LincheckRuns.checkOutsideTransaction();
        list.insert(0, value);
    }

    /** {@code l.pop()}. */
    @Operation
    public Object pop() {
        LincheckRuns.checkOutsideTransaction();
        try {
            return list.pop();
        } catch (IndexError e) {
            return INDEX_ERROR;
        }
    }

    /** {@code l[i]}. */
    @Operation
    public Object getItem(@Param(name = "index") int index) {
        LincheckRuns.checkOutsideTransaction();
        try {
            return list.getItem(index);
        } catch (IndexError e) {
            return INDEX_ERROR;
        }
    }

    /** {@code l[i] = v}. */
    @Operation
    public Object setItem(@Param(name = "index") int index, @Param(name = "value") int value) {
        LincheckRuns.checkOutsideTransaction();
        try {
            list.setItem(index, value);
            return null;
        } catch (IndexError e) {
            return INDEX_ERROR;
        }
    }

    /** {@code len(l)}. */
    @Operation
    public int len() {
        LincheckRuns.checkOutsideTransaction();
        return list.len();
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

    /** The sequential specification: Python's list semantics on an {@link ArrayList}. */
    public static final class Spec {
        private final List<Integer> list = new ArrayList<>();

        /** @param value appended */
        public void append(int value) {
            list.add(value);
        }

        /** @param value inserted at the front */
        public void insertFirst(int value) {
            list.add(0, value);
        }

        /** @return the last element, removed, or {@link #INDEX_ERROR} */
        public Object pop() {
            return list.isEmpty() ? INDEX_ERROR : list.remove(list.size() - 1);
        }

        /** @param index Python index @return the element or {@link #INDEX_ERROR} */
        public Object getItem(int index) {
            int i = index < 0 ? index + list.size() : index;
            return i < 0 || i >= list.size() ? INDEX_ERROR : list.get(i);
        }

        /** @param index Python index @param value stored @return null or {@link #INDEX_ERROR} */
        public Object setItem(int index, int value) {
            int i = index < 0 ? index + list.size() : index;
            if (i < 0 || i >= list.size()) {
                return INDEX_ERROR;
            }
            list.set(i, value);
            return null;
        }

        /** @return the length */
        public int len() {
            return list.size();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spec && ((Spec) o).list.equals(list);
        }

        @Override
        public int hashCode() {
            return Objects.hash(list);
        }
    }
}
