package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * No write skew: transactions are serializable, not merely snapshot-isolated. The invariant is
 * {@code x + y <= 1}, starting from {@code x = y = 0}. Each actor reads both TVars and, if their
 * sum is 0, sets its own TVar to 1. The two transactions write disjoint TVars, so only validation
 * of the read set can stop both from committing on the same stale snapshot (snapshot isolation
 * would let both commit). In any serial order the first sets its TVar and the second sees sum 1
 * and writes nothing, so the arbiter must see exactly one of them set.
 */
@Outcome(id = {"1, 0", "0, 1"}, expect = ACCEPTABLE, desc = "One transaction won; the other saw it.")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "Write skew: both committed on a stale snapshot.")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Neither wrote: the first in order saw sum 0.")
@Outcome(expect = FORBIDDEN, desc = "A value nobody wrote.")
public class WriteSkewTest {

    private WriteSkewTest() {
    }

    /** Two TVars under the invariant {@code x + y <= 1}. */
    static final class Pair {
        private final TVar<Integer> x = new TVar<>(0);
        private final TVar<Integer> y = new TVar<>(0);

        void setIfBothZero(TVar<Integer> mine) {
            Stm.atomic(() -> {
                if (x.get() + y.get() == 0) {
                    mine.set(1);
                }
            });
        }

        void report(II_Result r) {
            r.r1 = x.get();
            r.r2 = y.get();
        }
    }

    /** The real engine. */
    @JCStressTest
    @JCStressMeta(WriteSkewTest.class)
    @State
    public static class Serializable {
        private final Pair p = new Pair();

        @Actor
        public void setX() {
            p.setIfBothZero(p.x);
        }

        @Actor
        public void setY() {
            p.setIfBothZero(p.y);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            p.report(r);
        }
    }

    /** Without commit-time validation ({@code skip-validation}) this is snapshot isolation: skew appears. */
    @JCStressTest
    @JCStressMeta(WriteSkewTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("skip-validation");
        }

        private final Pair p;

        public Broken() {
            FaultSwitch.require("skip-validation");
            p = new Pair();
        }

        @Actor
        public void setX() {
            p.setIfBothZero(p.x);
        }

        @Actor
        public void setY() {
            p.setIfBothZero(p.y);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            p.report(r);
        }
    }
}
