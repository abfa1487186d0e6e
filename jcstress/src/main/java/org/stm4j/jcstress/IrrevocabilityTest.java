package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;

/**
 * Irrevocability: an irrevocable transaction cannot abort, so it never validates — the engine
 * must instead stop every conflicting transaction from committing over what it read, and its side
 * effect (here an {@code AtomicInteger} increment standing for I/O) must happen exactly once.
 *
 * <p>The irrevocable actor reads {@code x}, performs its side effect, and writes {@code x + 1}. An
 * ordinary transaction concurrently adds 10 to {@code x}. In either serial order {@code x} ends at
 * 11. If the ordinary transaction committed between the irrevocable one's read and its commit, the
 * irrevocable write would overwrite it ({@code x = 1}: a lost update). r1 = {@code x} at the end,
 * r2 = how many times the side effect ran.
 */
@Outcome(id = "11, 1", expect = ACCEPTABLE, desc = "Both updates applied; the side effect ran once.")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "Lost update: a commit went over the irrevocable transaction's read.")
@Outcome(expect = FORBIDDEN, desc = "A side effect repeated or skipped, or a value nobody wrote.")
public class IrrevocabilityTest {

    private static final TxnConfig IRREVOCABLE = TxnConfig.builder().irrevocable(true).build();

    private IrrevocabilityTest() {
    }

    /** The shared TVar, the side-effect counter and the two transactions. */
    static final class Scenario {
        private final TVar<Integer> x = new TVar<>(0);
        private final AtomicInteger effects = new AtomicInteger();

        void irrevocableFromStart() {
            Stm.atomic(IRREVOCABLE, () -> {
                int v = x.get();
                effects.incrementAndGet();
                x.set(v + 1);
            });
        }

        void irrevocableMidway() {
            Stm.atomic(() -> {
                int v = x.get();
                Stm.becomeIrrevocable(); // may re-run the block once to take the token; never after
                effects.incrementAndGet();
                x.set(v + 1);
            });
        }

        void addTen() {
            Stm.atomic(() -> x.set(x.get() + 10));
        }

        void report(II_Result r) {
            r.r1 = x.get();
            r.r2 = effects.get();
        }
    }

    /** A block configured irrevocable from its start. */
    @JCStressTest
    @JCStressMeta(IrrevocabilityTest.class)
    @State
    public static class FromStart {
        private final Scenario s = new Scenario();

        @Actor
        public void irrevocable() {
            s.irrevocableFromStart();
        }

        @Actor
        public void ordinary() {
            s.addTen();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            s.report(r);
        }
    }

    /** A block that becomes irrevocable after its read, with {@code Stm.becomeIrrevocable()}. */
    @JCStressTest
    @JCStressMeta(IrrevocabilityTest.class)
    @State
    public static class Midway {
        private final Scenario s = new Scenario();

        @Actor
        public void irrevocable() {
            s.irrevocableMidway();
        }

        @Actor
        public void ordinary() {
            s.addTen();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            s.report(r);
        }
    }

    /** {@link FromStart} against an engine whose committers ignore irrevocable readers ({@code ignore-irrevocable}). */
    @JCStressTest
    @JCStressMeta(IrrevocabilityTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("ignore-irrevocable");
        }

        private final Scenario s;

        public Broken() {
            FaultSwitch.require("ignore-irrevocable");
            s = new Scenario();
        }

        @Actor
        public void irrevocable() {
            s.irrevocableFromStart();
        }

        @Actor
        public void ordinary() {
            s.addTen();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            s.report(r);
        }
    }
}
