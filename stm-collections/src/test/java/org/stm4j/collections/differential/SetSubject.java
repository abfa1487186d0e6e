package org.stm4j.collections.differential;

import static org.stm4j.collections.differential.Subject.iterable;
import static org.stm4j.collections.differential.Subject.sorted;

import java.util.List;
import org.stm4j.collections.TSet;

/**
 * Drives a {@link TSet} by the corpus' operation names (see gen.py's {@code SET_OPS}). Set
 * results and the state are compared in canonical order ({@link Subject#SET_ORDER}): CPython's
 * iteration order is its hash order, TSet's is insertion order.
 */
final class SetSubject implements Subject {
    private final TSet<Object> set;

    SetSubject(List<Object> init) {
        this.set = TSet.from(init);
    }

    @Override
    public Object apply(String op, List<Object> a) {
        switch (op) {
            case "add" -> {
                return set.add(a.get(0));
            }
            case "discard" -> set.discard(a.get(0));
            case "remove" -> {
                return set.remove(a.get(0));
            }
            case "removeItem" -> set.removeItem(a.get(0));
            case "pop" -> {
                return set.pop();
            }
            case "contains" -> {
                return set.contains(a.get(0));
            }
            case "len" -> {
                return set.len();
            }
            case "clear" -> set.clear();
            case "copy" -> {
                return fresh(set.copy());
            }
            case "union" -> {
                return fresh(set.union(others(a)));
            }
            case "intersection" -> {
                return fresh(set.intersection(others(a)));
            }
            case "difference" -> {
                return fresh(set.difference(others(a)));
            }
            case "symmetricDifference" -> {
                return fresh(set.symmetricDifference(iterable(a.get(0), set)));
            }
            case "update" -> set.update(others(a));
            case "intersectionUpdate" -> set.intersectionUpdate(others(a));
            case "differenceUpdate" -> set.differenceUpdate(others(a));
            case "symmetricDifferenceUpdate" -> set.symmetricDifferenceUpdate(iterable(a.get(0), set));
            case "isSubset" -> {
                return set.isSubset(iterable(a.get(0), set));
            }
            case "isSuperset" -> {
                return set.isSuperset(iterable(a.get(0), set));
            }
            case "isDisjoint" -> {
                return set.isDisjoint(iterable(a.get(0), set));
            }
            default -> throw new IllegalArgumentException("unknown set op " + op);
        }
        return null;
    }

    private Iterable<?>[] others(List<Object> a) {
        Iterable<?>[] others = new Iterable<?>[a.size()];
        for (int i = 0; i < others.length; i++) {
            others[i] = iterable(a.get(i), set);
        }
        return others;
    }

    /** A result set must be a new TSet, never the receiver. */
    private List<Object> fresh(TSet<Object> result) {
        if (result == set) {
            throw new AssertionError("returned the receiver instead of a new set");
        }
        return sorted(result);
    }

    @Override
    public List<Object> state() {
        return sorted(set);
    }
}
