package org.stm4j.collections.differential;

import static org.stm4j.collections.differential.Subject.integer;
import static org.stm4j.collections.differential.Subject.iterable;

import java.util.List;
import org.stm4j.collections.TList;

/** Drives a {@link TList} by the corpus' operation names (see gen.py's {@code LIST_OPS}). */
final class ListSubject implements Subject {
    private final TList<Object> list;

    ListSubject(List<Object> init) {
        this.list = TList.from(init);
    }

    @Override
    public Object apply(String op, List<Object> a) {
        int n = a.size();
        switch (op) {
            case "append" -> list.append(a.get(0));
            case "extend" -> list.extend(iterable(a.get(0), list));
            case "insert" -> list.insert(integer(a.get(0)), a.get(1));
            case "pop" -> {
                return n == 0 ? list.pop() : list.pop(integer(a.get(0)));
            }
            case "getItem" -> {
                return list.getItem(integer(a.get(0)));
            }
            case "setItem" -> list.setItem(integer(a.get(0)), a.get(1));
            case "delItem" -> list.delItem(integer(a.get(0)));
            case "index" -> {
                return switch (n) {
                    case 1 -> list.index(a.get(0));
                    case 2 -> list.index(a.get(0), integer(a.get(1)));
                    default -> list.index(a.get(0), integer(a.get(1)), integer(a.get(2)));
                };
            }
            case "count" -> {
                return list.count(a.get(0));
            }
            case "reverse" -> list.reverse();
            case "sort" -> list.sort(a.get(0) == null ? null : FIRST_LETTER, (Boolean) a.get(1));
            case "copy" -> {
                return fresh(list.copy());
            }
            case "len" -> {
                return list.len();
            }
            case "slice" -> {
                return fresh(list.slice(integer(a.get(0)), integer(a.get(1)), integer(a.get(2))));
            }
            case "setSlice" -> list.setSlice(integer(a.get(0)), integer(a.get(1)), integer(a.get(2)),
                    iterable(a.get(3), list));
            case "delSlice" -> list.delSlice(integer(a.get(0)), integer(a.get(1)), integer(a.get(2)));
            case "remove" -> {
                return list.remove(a.get(0));
            }
            case "removeItem" -> list.removeItem(a.get(0));
            case "concat" -> {
                return fresh(list.concat(iterable(a.get(0), list)));
            }
            case "repeat" -> {
                return fresh(list.repeat(integer(a.get(0))));
            }
            case "repeatInPlace" -> list.repeatInPlace(integer(a.get(0)));
            case "contains" -> {
                return list.contains(a.get(0));
            }
            case "clear" -> list.clear();
            default -> throw new IllegalArgumentException("unknown list op " + op);
        }
        return null;
    }

    /** A result list must be a new TList, never the receiver. */
    private List<Object> fresh(TList<Object> result) {
        if (result == list) {
            throw new AssertionError("returned the receiver instead of a new list");
        }
        return Subject.listOf(result);
    }

    @Override
    public List<Object> state() {
        return Subject.listOf(list);
    }
}
