package org.stm4j.collections.property;

import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.stm4j.collections.IndexError;
import org.stm4j.collections.KeyError;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;
import org.stm4j.collections.TSet;
import org.stm4j.collections.ValueError;

/**
 * Property-based test (jqwik): random sequences of {@link TList}, {@link TDict} and {@link TSet}
 * operations, run outside {@code atomic}, in committed blocks, in blocks that throw after some
 * operations (the collections must be unchanged), and in blocks with a nested {@code atomic} that
 * throws (only the nested block's effects are undone), against a {@code java.util} model
 * ({@link ArrayList}, {@link LinkedHashMap}, {@link LinkedHashSet}) given Python's semantics here.
 * Every operation's result or exception must match the model's, and after every step (and inside the
 * blocks, before they end) contents, sizes and order must be equal.
 *
 * <p>How many sequences: jqwik's {@code jqwik.tries.default}, set by the build from the Maven
 * property {@code stm4j.property.tries} (a few hundred in CI, many thousands under {@code -Pstress});
 * run alone with {@code -Djqwik.tries.default=N}.
 *
 * <p>A failure is shrunk by jqwik to a shortest sequence of steps and printed as such: each step's
 * {@code toString} is the Java that reproduces it.
 */
class ModelPropertyTest {

    /** Small values, so that operations hit existing elements and keys often. */
    private static final int VALUES = 6;

    @Property(shrinking = ShrinkingMode.FULL)
    void collectionsBehaveAsTheModel(@ForAll("scripts") List<Step> steps) {
        World real = new World();
        Model model = new Model();
        for (Step step : steps) {
            model = step.run(real, model);
            check(real, model, step);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The two worlds
    // ---------------------------------------------------------------------------------------------

    /** The transactional collections under test. */
    static final class World {
        final TList<Integer> list = new TList<>();
        final TDict<Integer, Integer> dict = new TDict<>();
        final TSet<Integer> set = new TSet<>();
    }

    /** The model: plain java.util collections with Python's semantics applied by the operations. */
    static final class Model {
        final ArrayList<Integer> list;
        final LinkedHashMap<Integer, Integer> dict;
        final LinkedHashSet<Integer> set;

        Model() {
            this(new ArrayList<>(), new LinkedHashMap<>(), new LinkedHashSet<>());
        }

        private Model(ArrayList<Integer> list, LinkedHashMap<Integer, Integer> dict, LinkedHashSet<Integer> set) {
            this.list = list;
            this.dict = dict;
            this.set = set;
        }

        Model copy() {
            return new Model(new ArrayList<>(list), new LinkedHashMap<>(dict), new LinkedHashSet<>(set));
        }
    }

    /** Contents, sizes and order of the three collections equal the model's (inside or outside a block). */
    static void check(World real, Model model, Object where) {
        expect(model.list, new ArrayList<>(real.list), "list contents", where);
        expect(model.list.size(), real.list.len(), "list len()", where);
        expect(model.list.size(), real.list.size(), "list size()", where);
        expect(new ArrayList<>(model.dict.entrySet()), new ArrayList<>(real.dict.entrySet()), "dict items in order", where);
        expect(model.dict.size(), real.dict.len(), "dict len()", where);
        expect(new ArrayList<>(model.dict.keySet()), new ArrayList<>(real.dict.keys()), "dict keys in order", where);
        expect(new ArrayList<>(model.set), new ArrayList<>(real.set), "set elements in order", where);
        expect(model.set.size(), real.set.len(), "set len()", where);
        expect(model.set.isEmpty(), real.set.isEmpty(), "set isEmpty()", where);
    }

    private static void expect(Object expected, Object actual, String what, Object where) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + " after " + where + ": expected " + expected + " but was " + actual);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Operations
    // ---------------------------------------------------------------------------------------------

    /** One operation on both worlds; its outcome is its result or its exception's class. */
    static final class Op {
        final String java;
        final Function<World, Object> real;
        final Function<Model, Object> model;

        Op(String java, Function<World, Object> real, Function<Model, Object> model) {
            this.java = java;
            this.real = real;
            this.model = model;
        }

        /** Runs the operation on both and compares the outcomes. */
        void run(World w, Model m) {
            String expected = outcome(model, m);
            String actual = outcome(real, w);
            expect(expected, actual, "outcome", java);
        }

        private static <T> String outcome(Function<T, Object> f, T target) {
            try {
                return "returned " + f.apply(target);
            } catch (IndexOutOfBoundsException | java.util.NoSuchElementException | IllegalArgumentException
                    | ClassCastException | NullPointerException | IllegalStateException e) {
                return "threw " + e.getClass().getSimpleName();
            }
        }

        @Override
        public String toString() {
            return java + ";";
        }
    }

    private static int normalized(List<?> l, int i, String message) {
        int j = i < 0 ? i + l.size() : i;
        if (j < 0 || j >= l.size()) {
            throw new IndexError(message);
        }
        return j;
    }

    private static Arbitrary<Integer> values() {
        return Arbitraries.integers().between(0, VALUES - 1);
    }

    private static Arbitrary<Integer> indices() {
        return Arbitraries.integers().between(-5, 5);
    }

    private static Arbitrary<List<Integer>> smallLists() {
        return values().list().ofMaxSize(3);
    }

    private static Arbitrary<Op> listOps() {
        return Arbitraries.oneOf(
                values().map(x -> new Op("list.append(" + x + ")",
                        w -> { w.list.append(x); return null; },
                        m -> { m.list.add(x); return null; })),
                Combinators.combine(indices(), values()).as((i, x) -> new Op("list.insert(" + i + ", " + x + ")",
                        w -> { w.list.insert(i, x); return null; },
                        m -> {
                            int n = m.list.size();
                            m.list.add(i < 0 ? Math.max(i + n, 0) : Math.min(i, n), x);
                            return null;
                        })),
                Arbitraries.just(new Op("list.pop()", w -> w.list.pop(), m -> {
                    if (m.list.isEmpty()) {
                        throw new IndexError("pop from empty list");
                    }
                    return m.list.remove(m.list.size() - 1);
                })),
                indices().map(i -> new Op("list.pop(" + i + ")", w -> w.list.pop(i), m -> {
                    if (m.list.isEmpty()) {
                        throw new IndexError("pop from empty list");
                    }
                    return m.list.remove(normalized(m.list, i, "pop index out of range"));
                })),
                Combinators.combine(indices(), values()).as((i, x) -> new Op("list.setItem(" + i + ", " + x + ")",
                        w -> { w.list.setItem(i, x); return null; },
                        m -> { m.list.set(normalized(m.list, i, "assignment"), x); return null; })),
                indices().map(i -> new Op("list.delItem(" + i + ")",
                        w -> { w.list.delItem(i); return null; },
                        m -> { m.list.remove(normalized(m.list, i, "assignment")); return null; })),
                indices().map(i -> new Op("list.getItem(" + i + ")",
                        w -> w.list.getItem(i),
                        m -> m.list.get(normalized(m.list, i, "index")))),
                values().map(x -> new Op("list.removeItem(" + x + ")",
                        w -> { w.list.removeItem(x); return null; },
                        m -> {
                            if (!m.list.remove(x)) {
                                throw new ValueError("not in list");
                            }
                            return null;
                        })),
                values().map(x -> new Op("list.index(" + x + ")", w -> w.list.index(x), m -> {
                    int i = m.list.indexOf(x);
                    if (i < 0) {
                        throw new ValueError("not in list");
                    }
                    return i;
                })),
                values().map(x -> new Op("list.count(" + x + ")", w -> w.list.count(x),
                        m -> Collections.frequency(m.list, x))),
                smallLists().map(xs -> new Op("list.extend(List.of(" + join(xs) + "))",
                        w -> { w.list.extend(xs); return null; },
                        m -> { m.list.addAll(xs); return null; })),
                Arbitraries.of(true, false).map(rev -> new Op("list.sort(BY_PARITY, " + rev + ")",
                        w -> { w.list.sort(BY_PARITY, rev); return null; },
                        m -> { m.list.sort(rev ? BY_PARITY.reversed() : BY_PARITY); return null; })),
                Arbitraries.just(new Op("list.reverse()",
                        w -> { w.list.reverse(); return null; },
                        m -> { Collections.reverse(m.list); return null; })),
                Arbitraries.just(new Op("list.clear()",
                        w -> { w.list.clear(); return null; },
                        m -> { m.list.clear(); return null; })));
    }

    /** Compares by parity only: many ties, so sort stability (also reversed) is exercised. */
    static final Comparator<Integer> BY_PARITY = Comparator.comparingInt(x -> x % 2);

    private static Arbitrary<Op> dictOps() {
        return Arbitraries.oneOf(
                Combinators.combine(values(), values()).as((k, v) -> new Op("dict.put(" + k + ", " + v + ")",
                        w -> w.dict.put(k, v), m -> m.dict.put(k, v))),
                values().map(k -> new Op("dict.delItem(" + k + ")",
                        w -> { w.dict.delItem(k); return null; },
                        m -> {
                            if (!m.dict.containsKey(k)) {
                                throw new KeyError(String.valueOf(k));
                            }
                            m.dict.remove(k);
                            return null;
                        })),
                values().map(k -> new Op("dict.pop(" + k + ")", w -> w.dict.pop(k), m -> {
                    if (!m.dict.containsKey(k)) {
                        throw new KeyError(String.valueOf(k));
                    }
                    return m.dict.remove(k);
                })),
                values().map(k -> new Op("dict.pop(" + k + ", -1)", w -> w.dict.pop(k, -1),
                        m -> m.dict.containsKey(k) ? m.dict.remove(k) : -1)),
                Combinators.combine(values(), values()).as((k, v) -> new Op("dict.setdefault(" + k + ", " + v + ")",
                        w -> w.dict.setdefault(k, v), m -> {
                            if (!m.dict.containsKey(k)) {
                                m.dict.put(k, v);
                            }
                            return m.dict.get(k);
                        })),
                Arbitraries.just(new Op("dict.popitem()", w -> entry(w.dict.popitem()), m -> {
                    if (m.dict.isEmpty()) {
                        throw new KeyError("popitem(): dictionary is empty");
                    }
                    Map.Entry<Integer, Integer> last = null;
                    for (Map.Entry<Integer, Integer> e : m.dict.entrySet()) {
                        last = e;
                    }
                    String s = entry(last);
                    m.dict.remove(last.getKey());
                    return s;
                })),
                values().map(k -> new Op("dict.getItem(" + k + ")", w -> w.dict.getItem(k), m -> {
                    if (!m.dict.containsKey(k)) {
                        throw new KeyError(String.valueOf(k));
                    }
                    return m.dict.get(k);
                })),
                values().map(k -> new Op("dict.get(" + k + ")", w -> w.dict.get(k), m -> m.dict.get(k))),
                values().map(k -> new Op("dict.keys().remove(" + k + ")",
                        w -> w.dict.keys().remove(k), m -> m.dict.keySet().remove(k))),
                smallLists().map(ks -> new Op("dict.update(mapOf(" + join(ks) + "))",
                        w -> { w.dict.update(mapOf(ks)); return null; },
                        m -> { m.dict.putAll(mapOf(ks)); return null; })),
                Arbitraries.just(new Op("dict.clear()",
                        w -> { w.dict.clear(); return null; },
                        m -> { m.dict.clear(); return null; })));
    }

    private static Arbitrary<Op> setOps() {
        return Arbitraries.oneOf(
                values().map(x -> new Op("set.add(" + x + ")", w -> w.set.add(x), m -> m.set.add(x))),
                values().map(x -> new Op("set.discard(" + x + ")",
                        w -> { w.set.discard(x); return null; },
                        m -> { m.set.remove(x); return null; })),
                values().map(x -> new Op("set.removeItem(" + x + ")",
                        w -> { w.set.removeItem(x); return null; },
                        m -> {
                            if (!m.set.remove(x)) {
                                throw new KeyError(String.valueOf(x));
                            }
                            return null;
                        })),
                values().map(x -> new Op("set.remove(" + x + ")", w -> w.set.remove(x), m -> m.set.remove(x))),
                values().map(x -> new Op("set.contains(" + x + ")", w -> w.set.contains(x), m -> m.set.contains(x))),
                Arbitraries.just(new Op("set.pop()", w -> w.set.pop(), m -> {
                    if (m.set.isEmpty()) {
                        throw new KeyError("pop from an empty set");
                    }
                    Integer last = null;
                    for (Integer x : m.set) {
                        last = x;
                    }
                    m.set.remove(last);
                    return last;
                })),
                smallLists().map(xs -> new Op("set.update(List.of(" + join(xs) + "))",
                        w -> { w.set.update(xs); return null; },
                        m -> { m.set.addAll(xs); return null; })),
                smallLists().map(xs -> new Op("set.differenceUpdate(List.of(" + join(xs) + "))",
                        w -> { w.set.differenceUpdate(xs); return null; },
                        m -> { m.set.removeAll(xs); return null; })),
                smallLists().map(xs -> new Op("set.intersectionUpdate(List.of(" + join(xs) + "))",
                        w -> { w.set.intersectionUpdate(xs); return null; },
                        m -> { m.set.retainAll(xs); return null; })),
                Arbitraries.just(new Op("set.clear()",
                        w -> { w.set.clear(); return null; },
                        m -> { m.set.clear(); return null; })));
    }

    private static Arbitrary<Op> ops() {
        return Arbitraries.oneOf(listOps(), dictOps(), setOps());
    }

    private static Arbitrary<List<Op>> opLists() {
        return ops().list().ofMinSize(1).ofMaxSize(6);
    }

    static Map<Integer, Integer> mapOf(List<Integer> keys) {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (Integer k : keys) {
            m.put(k, k + 10);
        }
        return m;
    }

    private static String entry(Map.Entry<Integer, Integer> e) {
        return e.getKey() + "=" + e.getValue();
    }

    private static String join(List<Integer> xs) {
        return String.join(", ", xs.stream().map(String::valueOf).toArray(String[]::new));
    }

    // ---------------------------------------------------------------------------------------------
    // Steps: an operation alone, a block, an aborted block, a block with an aborted nested block
    // ---------------------------------------------------------------------------------------------

    /** Thrown to abort a block. */
    static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort() {
            super("abort", null, false, false);
        }
    }

    /** One step of a script; returns the model after it. */
    abstract static class Step {
        abstract Model run(World w, Model m);
    }

    /** An operation outside any transaction (its own transaction). */
    static final class Alone extends Step {
        final Op op;

        Alone(Op op) {
            this.op = op;
        }

        @Override
        Model run(World w, Model m) {
            op.run(w, m);
            return m;
        }

        @Override
        public String toString() {
            return op.toString();
        }
    }

    /** {@code atomic(() -> { ops; [throw] })}: committed, or aborted (then nothing changes). */
    static final class Block extends Step {
        final List<Op> ops;
        final boolean aborts;

        Block(List<Op> ops, boolean aborts) {
            this.ops = ops;
            this.aborts = aborts;
        }

        @Override
        Model run(World w, Model m) {
            Model[] after = new Model[1];
            try {
                atomic(() -> {
                    Model inside = m.copy(); // a fresh copy for each attempt
                    for (Op op : ops) {
                        op.run(w, inside);
                    }
                    check(w, inside, this + " (inside, at its end)");
                    after[0] = inside;
                    if (aborts) {
                        throw new Abort();
                    }
                });
            } catch (Abort expected) {
                return m;
            }
            if (aborts) {
                throw new AssertionError("the block did not throw: " + this);
            }
            return after[0];
        }

        @Override
        public String toString() {
            return "atomic(() -> { " + joinOps(ops) + (aborts ? " throw new Abort(); " : "") + "});";
        }
    }

    /**
     * {@code atomic(() -> { before; try { atomic(() -> { inner; [throw] }); } catch (Abort e) { } after;
     * [throw] })}: a nested block that throws undoes only its own effects.
     */
    static final class Nested extends Step {
        final List<Op> before;
        final List<Op> inner;
        final boolean innerAborts;
        final List<Op> after;
        final boolean outerAborts;

        Nested(List<Op> before, List<Op> inner, boolean innerAborts, List<Op> after, boolean outerAborts) {
            this.before = before;
            this.inner = inner;
            this.innerAborts = innerAborts;
            this.after = after;
            this.outerAborts = outerAborts;
        }

        @Override
        Model run(World w, Model m) {
            Model[] result = new Model[1];
            try {
                atomic(() -> {
                    Model outer = m.copy();
                    for (Op op : before) {
                        op.run(w, outer);
                    }
                    Model[] nested = new Model[1];
                    try {
                        atomic(() -> {
                            Model in = outer.copy();
                            for (Op op : inner) {
                                op.run(w, in);
                            }
                            check(w, in, this + " (inside the nested block, at its end)");
                            nested[0] = in;
                            if (innerAborts) {
                                throw new Abort();
                            }
                        });
                    } catch (Abort expected) {
                        nested[0] = outer;
                    }
                    check(w, nested[0], this + " (after the nested block)");
                    for (Op op : after) {
                        op.run(w, nested[0]);
                    }
                    result[0] = nested[0];
                    if (outerAborts) {
                        throw new Abort();
                    }
                });
            } catch (Abort expected) {
                return m;
            }
            return result[0];
        }

        @Override
        public String toString() {
            return "atomic(() -> { " + joinOps(before) + " try { atomic(() -> { " + joinOps(inner)
                    + (innerAborts ? " throw new Abort(); " : "") + "}); } catch (Abort e) { } "
                    + joinOps(after) + (outerAborts ? " throw new Abort(); " : "") + "});";
        }
    }

    private static String joinOps(List<Op> ops) {
        return String.join(" ", ops.stream().map(Op::toString).toArray(String[]::new));
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> alone = ops().map(Alone::new);
        Arbitrary<Step> block = Combinators.combine(opLists(), Arbitraries.of(false, true)).as(Block::new);
        Arbitrary<Step> nested = Combinators.combine(opLists(), opLists(), Arbitraries.of(true, false),
                opLists(), Arbitraries.of(false, true)).as(Nested::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, alone),
                        net.jqwik.api.Tuple.of(3, block),
                        net.jqwik.api.Tuple.of(2, nested))
                .list().ofMinSize(1).ofMaxSize(25);
    }
}
