package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.Stm;
import org.stm4j.internal.FaultPoints;
import org.stm4j.internal.TxnContext;

/**
 * Issue 13 §3 for the collections: an error ({@code StackOverflowError}, {@code OutOfMemoryError})
 * injected at every engine point a collection operation passes — each transactional read and write
 * of its internal TVars, each step of its commit — inside and outside {@code atomic}. After each:
 * the error reached the caller, the thread holds nothing, the collections are either exactly as
 * before or exactly as after the operation (never half), their sizes agree with their contents, and
 * another thread can run the operation (no internal lock left held).
 */
@Timeout(300)
class CollectionErrorInjectionTest {

    private record Op(String name, Runnable run, Supplier<Object> state, Object... structures) {
    }

    private static List<Op> operations() {
        List<Op> ops = new ArrayList<>();
        TList<Integer> left = TList.of(1, 2, 3, 4, 5, 6, 7, 8);
        TList<Integer> right = new TList<>();
        ops.add(new Op("list transfer in atomic", () -> atomic(() -> {
            if (left.len() == 0) {
                left.append(right.pop());
            } else {
                right.append(left.pop());
            }
        }), () -> List.of(new ArrayList<>(left), new ArrayList<>(right)), left, right));
        TList<Integer> solo = TList.of(1, 2, 3);
        ops.add(new Op("list append outside atomic", () -> solo.append(solo.len()),
                () -> new ArrayList<>(solo), solo));
        TDict<String, Integer> dict = new TDict<>();
        int[] next = {0};
        ops.add(new Op("dict put of a new key outside atomic", () -> dict.put("k" + next[0]++, 1),
                () -> new LinkedHashMap<>(dict), dict));
        TDict<String, Integer> present = new TDict<>();
        present.put("k", 0);
        ops.add(new Op("dict put of a present key outside atomic (one-TVar update)",
                () -> present.put("k", present.get("k") + 1), () -> new LinkedHashMap<>(present), present));
        TDict<String, Integer> a = new TDict<>();
        TDict<String, Integer> b = new TDict<>();
        a.put("x", 1);
        a.put("y", 2);
        ops.add(new Op("dict update, pop and delete in atomic", () -> atomic(() -> {
            b.update(a);
            Integer x = a.pop("x", null);
            a.put("x", x == null ? 1 : x + 1);
            if (b.containsKey("y")) {
                b.delItem("y");
            }
        }), () -> List.of(new LinkedHashMap<>(a), new LinkedHashMap<>(b)), a, b));
        TSet<Integer> set = new TSet<>();
        ops.add(new Op("set add and discard", () -> atomic(() -> {
            set.add(set.size());
            set.discard(0);
        }), () -> new ArrayList<>(set), set));
        TDict<String, Integer> big = new TDict<>();
        for (int i = 0; i < 20; i++) {
            big.put("b" + i, i);
        }
        ops.add(new Op("dict clear and refill", () -> atomic(() -> {
            LinkedHashMap<String, Integer> copy = new LinkedHashMap<>(big);
            big.clear();
            copy.forEach((k, v) -> big.put(k, v + 1));
        }), () -> new LinkedHashMap<>(big), big));
        return ops;
    }

    private static final List<Supplier<Throwable>> ERRORS = List.of(
            () -> new StackOverflowError("injected"),
            () -> new OutOfMemoryError("injected"));

    @Test
    void anErrorAtAnyPointOfACollectionOperationLeavesItAllOrNothing() throws Exception {
        assertTrue(FaultPoints.ENABLED, "the build runs tests with -Dstm4j.internal.faultPoints=true");
        int injected = 0;
        for (Op op : operations()) {
            FaultPoints.count();
            op.run().run();
            int points = FaultPoints.disarm();
            assertTrue(points > 0, op.name());
            for (Supplier<Throwable> errors : ERRORS) {
                for (int n = 1; n <= points; n++) {
                    Throwable error = errors.get();
                    Object before = op.state().get();
                    FaultPoints.arm(n, () -> error);
                    Throwable seen = null;
                    try {
                        op.run().run();
                    } catch (Throwable t) {
                        seen = t;
                    } finally {
                        FaultPoints.disarm();
                    }
                    String at = op.name() + ", " + error.getClass().getSimpleName() + " at point " + n + " ("
                            + FaultPoints.struck() + ")";
                    if (FaultPoints.struck() != null) {
                        injected++;
                        assertSame(error, seen, at);
                    }
                    assertNull(TxnContext.leftoversOfCurrentThread(), at);
                    assertFalse(Stm.inTransaction(), at);
                    Object after = op.state().get();
                    if (!after.equals(before)) {
                        // it took effect: then completely, as one more run from `before` would have
                        assertConsistent(at, after);
                    }
                    assertConsistent(at, before);
                    assertSizesAgree(at, op.structures());
                    runElsewhere(at, op.run());
                    assertSizesAgree(at, op.structures());
                    assertConsistent(at, op.state().get());
                }
            }
        }
        assertTrue(injected > 100, "only " + injected + " errors were injected");
    }

    /** Sizes agree with contents (a half-applied insert or delete would break this). */
    private static void assertConsistent(String at, Object state) {
        if (state instanceof List<?> parts && !parts.isEmpty() && parts.get(0) instanceof List) {
            int total = 0;
            for (Object p : parts) {
                total += ((List<?>) p).size();
            }
            assertEquals(8, total, at + ": list items lost or duplicated " + state);
        }
    }

    /** Each structure's own size agrees with what iterating it yields. */
    private static void assertSizesAgree(String at, Object[] structures) {
        for (Object o : structures) {
            if (o instanceof TDict<?, ?> d) {
                assertEquals(d.len(), new ArrayList<>(d.keySet()).size(), at + ": dict size");
            } else if (o instanceof TList<?> l) {
                assertEquals(l.len(), new ArrayList<>(l).size(), at + ": list size");
            } else if (o instanceof TSet<?> s) {
                assertEquals(s.size(), new ArrayList<>(s).size(), at + ": set size");
            }
        }
    }

    private static void runElsewhere(String at, Runnable op) throws Exception {
        FutureTask<Void> task = new FutureTask<>(op, null);
        Thread t = new Thread(task, "elsewhere");
        t.setDaemon(true);
        t.start();
        try {
            task.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(at + ": another thread could not run the operation (a lock left held?)", e);
        }
    }
}
