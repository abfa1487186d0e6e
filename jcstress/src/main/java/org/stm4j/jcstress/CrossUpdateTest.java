package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.Map;
import java.util.Set;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.stm4j.Stm;
import org.stm4j.collections.TDict;

/**
 * {@code d1.update(d2)} against a concurrent {@code d2.update(d1)}: with one lock per object
 * (Jython) this deadlocks; with no isolation it mixes the two. Here it must neither hang nor mix:
 * the result is one of the two serial orders.
 *
 * <p>Start: {@code d1 = {k: 1, a: 1}}, {@code d2 = {k: 2, b: 2}}. Serially, whoever runs second
 * copies the first's new {@code k}: both end with {@code k = 2} (d1 first) or {@code k = 1} (d2
 * first), and both dicts hold all three keys. If both read before either wrote, they swap
 * {@code k}. r1 = d1[k], r2 = d2[k], or -1 for a dict that lacks one of the three keys, -2 if an
 * update threw (only a broken engine leaves a dict that throws).
 */
@Outcome(id = {"2, 2", "1, 1"}, expect = ACCEPTABLE, desc = "One update ran whole before the other.")
@Outcome(id = "2, 1", expect = FORBIDDEN, desc = "Mixed: each update read the other dict before it changed.")
@Outcome(expect = FORBIDDEN, desc = "A key lost, or a value nobody wrote.")
public class CrossUpdateTest {

    private CrossUpdateTest() {
    }

    /** The two dicts. */
    static final class Dicts {
        final TDict<String, Integer> d1 = new TDict<>();
        final TDict<String, Integer> d2 = new TDict<>();

        Dicts() {
            d1.update(Map.of("k", 1, "a", 1));
            d2.update(Map.of("k", 2, "b", 2));
        }

        private volatile boolean threw;

        void oneFromTwo(boolean inTransaction) {
            copy(d2, d1, inTransaction);
        }

        void twoFromOne(boolean inTransaction) {
            copy(d1, d2, inTransaction);
        }

        private void copy(TDict<String, Integer> from, TDict<String, Integer> to, boolean inTransaction) {
            try {
                if (inTransaction) {
                    Stm.atomic(() -> to.update(from));
                } else {
                    to.update(from);
                }
            } catch (RuntimeException corrupted) {
                threw = true;
            }
        }

        void report(II_Result r) {
            r.r1 = threw ? -2 : k(d1);
            r.r2 = threw ? -2 : k(d2);
        }

        private static int k(TDict<String, Integer> d) {
            try {
                return d.keySet().equals(Set.of("k", "a", "b")) ? d.getItem("k") : -1;
            } catch (RuntimeException corrupted) {
                return -2;
            }
        }
    }

    /** Each update is a single operation outside any transaction (atomic by itself). */
    @JCStressTest
    @JCStressMeta(CrossUpdateTest.class)
    @State
    public static class SingleOperations {
        private final Dicts d = new Dicts();

        @Actor
        public void oneFromTwo() {
            d.oneFromTwo(false);
        }

        @Actor
        public void twoFromOne() {
            d.twoFromOne(false);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            d.report(r);
        }
    }

    /** Each update inside an {@code atomic} block (composition: the block is the unit). */
    @JCStressTest
    @JCStressMeta(CrossUpdateTest.class)
    @State
    public static class InsideTransactions {
        private final Dicts d = new Dicts();

        @Actor
        public void oneFromTwo() {
            d.oneFromTwo(true);
        }

        @Actor
        public void twoFromOne() {
            d.twoFromOne(true);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            d.report(r);
        }
    }

    /** Against an engine that never validates ({@code skip-validation}): the swap appears. */
    @JCStressTest
    @JCStressMeta(CrossUpdateTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("skip-validation");
        }

        private final Dicts d;

        public Broken() {
            FaultSwitch.require("skip-validation");
            d = new Dicts();
        }

        @Actor
        public void oneFromTwo() {
            d.oneFromTwo(false);
        }

        @Actor
        public void twoFromOne() {
            d.twoFromOne(false);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            d.report(r);
        }
    }
}
