package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;

/**
 * Issue 13 §3: an error ({@code StackOverflowError}, {@code OutOfMemoryError}) injected at every
 * engine point that holds a lock or half-applied state ({@link FaultPoints}) — not only in user
 * code. For each scenario the test first counts the points its operation passes, then runs it once
 * per point with the error thrown there, and checks after each: the error reached the caller, the
 * thread holds nothing ({@link TxnContext#leftoversOfCurrentThread()}), no TVar of the scenario is
 * locked, the irrevocability token is free, no visible reader remains, the scenario's writes are all
 * or nothing, and both this thread and another can run it again.
 */
@Timeout(120)
class ErrorInjectionTest {

    /** One operation over some TVars whose writes add {@code +1} to each (so all-or-nothing is checkable). */
    private record Scenario(String name, List<TVar<Integer>> vars, Runnable op) {
    }

    private static List<Scenario> scenarios() {
        List<Scenario> all = new ArrayList<>();
        TVar<Integer> a = new TVar<>(0, "a");
        TVar<Integer> b = new TVar<>(0, "b");
        TVar<Integer> c = new TVar<>(0, "c");
        all.add(new Scenario("three-variable commit", List.of(a, b, c), () -> atomic(() -> {
            a.set(a.get() + 1);
            b.set(b.get() + 1);
            c.set(c.get() + 1);
        })));
        TVar<Integer> d = new TVar<>(0, "d");
        all.add(new Scenario("write outside a transaction", List.of(d), () -> d.set(d.get() + 1)));
        TVar<Integer> e = new TVar<>(0, "e");
        TVar<Integer> f = new TVar<>(0, "f");
        TxnConfig irrevocable = TxnConfig.builder().irrevocable(true).build();
        all.add(new Scenario("irrevocable block", List.of(e, f), () -> atomic(irrevocable, () -> {
            e.set(e.get() + 1);
            f.set(f.get() + 1);
        })));
        TVar<Integer> g = new TVar<>(0, "g");
        TVar<Integer> h = new TVar<>(0, "h");
        all.add(new Scenario("becomeIrrevocable mid-block", List.of(g, h), () -> atomic(() -> {
            g.set(g.get() + 1);
            Stm.becomeIrrevocable();
            h.set(h.get() + 1);
        })));
        TVar<Integer> i = new TVar<>(0, "i");
        TVar<Integer> j = new TVar<>(0, "j");
        all.add(new Scenario("nested block that throws, with hooks", List.of(i, j), () -> atomic(() -> {
            i.set(i.get() + 1);
            Stm.afterAbort(() -> { });
            try {
                atomic(() -> {
                    Stm.afterAbort(() -> { });
                    Stm.afterCommit(() -> { });
                    i.set(i.get() + 100);
                    throw new IllegalStateException("nested");
                });
            } catch (IllegalStateException expected) {
                // the nested block's write is undone
            }
            j.set(j.get() + 1);
        })));
        TVar<Integer> k = new TVar<>(0, "k");
        TVar<Integer> gate = new TVar<>(0, "gate");
        all.add(new Scenario("retry woken by its own afterAbort hook", List.of(k), () -> {
            AtomicInteger attempts = new AtomicInteger();
            atomic(() -> {
                if (attempts.incrementAndGet() == 1) {
                    gate.get();
                    Stm.afterAbort(() -> gate.set(gate.get() + 1)); // wakes the retry below
                    Stm.retry();
                }
                k.set(k.get() + 1);
            });
        }));
        return all;
    }

    private static final List<Supplier<Throwable>> ERRORS = List.of(
            () -> new StackOverflowError("injected"),
            () -> new OutOfMemoryError("injected"));

    @Test
    void anErrorAtAnyPointLeavesNothingHeldAndNothingHalfDone() throws Exception {
        Set<FaultPoints.Point> struck = EnumSet.noneOf(FaultPoints.Point.class);
        for (Scenario s : scenarios()) {
            FaultPoints.count();
            s.op().run();
            int points = FaultPoints.disarm();
            assertTrue(points > 0, s.name() + " passes no fault point");
            for (Supplier<Throwable> errors : ERRORS) {
                for (int n = 1; n <= points; n++) {
                    Throwable injected = errors.get();
                    int[] before = values(s);
                    FaultPoints.arm(n, () -> injected);
                    Throwable seen = null;
                    try {
                        s.op().run();
                    } catch (Throwable t) {
                        seen = t;
                    } finally {
                        FaultPoints.disarm();
                    }
                    FaultPoints.Point where = FaultPoints.struck();
                    String at = s.name() + ", " + injected.getClass().getSimpleName() + " at point " + n + " (" + where + ")";
                    if (where != null) {
                        struck.add(where);
                        assertSame(injected, seen, at + ": the error did not reach the caller unchanged");
                    }
                    assertNull(TxnContext.leftoversOfCurrentThread(), at);
                    assertFalse(Stm.inTransaction(), at);
                    assertEquals(0, ClockLine.INSTANCE.irrevocableOwner, at + ": the irrevocability token is held");
                    assertFalse(VisibleReads.anyActive(), at + ": a visible reader remains");
                    for (TVar<Integer> v : s.vars()) {
                        long meta = (long) Cells.META.getVolatile(v);
                        assertEquals(0, meta & Meta.LOCKED, at + ": " + v + " is still locked");
                    }
                    assertAllOrNothing(at, before, values(s));
                    runElsewhere(at, s.op());
                    int[] again = values(s);
                    s.op().run();
                    assertAllOrNothing(at + ", run again here", again, values(s));
                }
            }
        }
        assertTrue(struck.containsAll(EnumSet.of(FaultPoints.Point.COMMIT_LOCKING, FaultPoints.Point.COMMIT_LOCKED,
                FaultPoints.Point.COMMIT_VALIDATED, FaultPoints.Point.COMMIT_WRITE_BACK, FaultPoints.Point.COMMIT_WAKE,
                FaultPoints.Point.WRITE_NOW_LOCKED, FaultPoints.Point.WRITE_NOW_PUBLISHING, FaultPoints.Point.ESCALATED,
                FaultPoints.Point.IRREVOCABLE_UPGRADE, FaultPoints.Point.NESTED_ROLLBACK, FaultPoints.Point.ROLLBACK,
                FaultPoints.Point.RETRY_REGISTERED, FaultPoints.Point.COMMITTED, FaultPoints.Point.END_BLOCK)),
                "not every lock-holding point was exercised: " + struck);
    }

    private static int[] values(Scenario s) {
        int[] out = new int[s.vars().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.vars().get(i).get();
        }
        return out;
    }

    /** Every TVar moved by the same amount, 0 or 1 (the scenarios add 1 to each). */
    private static void assertAllOrNothing(String at, int[] before, int[] after) {
        int delta = after[0] - before[0];
        assertTrue(delta == 0 || delta == 1, at + ": moved by " + delta);
        for (int i = 1; i < before.length; i++) {
            assertEquals(delta, after[i] - before[i], at + ": torn (TVar " + i + ")");
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
            throw new AssertionError(at + ": another thread could not run the scenario (a lock left held?)", e);
        }
    }
}
