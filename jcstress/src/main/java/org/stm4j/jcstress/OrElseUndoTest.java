package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * {@code orElse} undoes its first branch: when the first branch retries, its writes vanish before
 * the second branch runs, and they are never published. The chooser's first branch writes
 * {@code x = 1} and retries; its second branch reads {@code x} (r1) and writes {@code y = 1}. A
 * concurrent observer reads {@code x} and {@code y} together (r2 = 10·x + y) and the arbiter reads
 * {@code x} at the end (r3). The first branch's {@code x = 1} must never be seen by anyone.
 */
@Outcome(id = {"0, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE,
        desc = "The first branch left no trace; the observer saw y before or after the commit.")
@Outcome(expect = FORBIDDEN, desc = "The retried first branch's write of x was seen.")
public class OrElseUndoTest {

    private OrElseUndoTest() {
    }

    /** The two TVars and the three roles. */
    static final class Choice {
        private final TVar<Integer> x = new TVar<>(0);
        private final TVar<Integer> y = new TVar<>(0);

        int choose() {
            return Stm.atomic(() -> Stm.orElse(() -> {
                x.set(1);
                Stm.retry();
                return -1;
            }, () -> {
                y.set(1);
                return x.get();
            }));
        }

        int observe() {
            return Stm.atomic(() -> 10 * x.get() + y.get());
        }

        int finalX() {
            return x.get();
        }
    }

    /** The real engine. */
    @JCStressTest
    @JCStressMeta(OrElseUndoTest.class)
    @State
    public static class Undo {
        private final Choice c = new Choice();

        @Actor
        public void chooser(III_Result r) {
            r.r1 = c.choose();
        }

        @Actor
        public void observer(III_Result r) {
            r.r2 = c.observe();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = c.finalX();
        }
    }

    /** Against an engine whose {@code orElse} keeps a retried branch's writes ({@code orelse-keeps-writes}). */
    @JCStressTest
    @JCStressMeta(OrElseUndoTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("orelse-keeps-writes");
        }

        private final Choice c;

        public Broken() {
            FaultSwitch.require("orelse-keeps-writes");
            c = new Choice();
        }

        @Actor
        public void chooser(III_Result r) {
            r.r1 = c.choose();
        }

        @Actor
        public void observer(III_Result r) {
            r.r2 = c.observe();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = c.finalX();
        }
    }
}
