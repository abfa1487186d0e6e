package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * Opacity: every attempt of a transaction, including an attempt that is later aborted and re-run
 * (a "zombie"), sees a consistent snapshot. Serializability alone is not enough for an STM: a
 * zombie that sees an impossible state can loop, divide by zero or index out of bounds before
 * commit-time validation would have caught it.
 *
 * <p>The writer commits twice, each time setting two TVars to the same new value
 * ({@code x = y = n + 1}), so {@code x == y} in every committed state. The reader reads {@code x},
 * then {@code y}, and from inside the block, on every attempt, records whether that attempt saw
 * them differ. The flag is sticky across attempts, so an attempt that saw {@code x != y} and was
 * then aborted is still reported: r1 is 1 if any attempt saw an inconsistent pair, r2 is the value
 * of {@code x} the committed attempt saw.
 */
@Outcome(id = {"0, 0", "0, 1", "0, 2"}, expect = ACCEPTABLE,
        desc = "Every attempt saw x == y; the committed one saw 0, 1 or 2 commits.")
@Outcome(id = {"1, 0", "1, 1", "1, 2"}, expect = FORBIDDEN,
        desc = "Some attempt (possibly an aborted one) saw x != y: opacity violated.")
@Outcome(expect = FORBIDDEN, desc = "A value nobody wrote.")
public class OpacityTest {

    private OpacityTest() {
    }

    /** Two TVars always written equal; readers that report any attempt seeing them differ. */
    static final class EqualPair {
        private final TVar<Integer> x = new TVar<>(0);
        private final TVar<Integer> y = new TVar<>(0);
        private final TVar<Integer> sink = new TVar<>(0);

        void writeTwice() {
            for (int i = 0; i < 2; i++) {
                Stm.atomic(() -> {
                    int n = x.get();
                    x.set(n + 1);
                    y.set(n + 1);
                });
            }
        }

        void read(II_Result r, boolean alsoWrite) {
            Stm.atomic(() -> {
                int seenX = x.get();
                int seenY = y.get();
                if (seenX != seenY) {
                    r.r1 = 1; // recorded before the attempt can abort; never reset by a re-run
                }
                r.r2 = seenX;
                if (alsoWrite) {
                    sink.set(seenY); // an update transaction: validated again at commit
                }
            });
        }
    }

    /** A read-only reader. */
    @JCStressTest
    @JCStressMeta(OpacityTest.class)
    @State
    public static class ReadOnly {
        private final EqualPair pair = new EqualPair();

        @Actor
        public void writer() {
            pair.writeTwice();
        }

        @Actor
        public void reader(II_Result r) {
            pair.read(r, false);
        }
    }

    /** A reader that also writes, so its attempts can also die at commit-time validation. */
    @JCStressTest
    @JCStressMeta(OpacityTest.class)
    @State
    public static class Updating {
        private final EqualPair pair = new EqualPair();

        @Actor
        public void writer() {
            pair.writeTwice();
        }

        @Actor
        public void reader(II_Result r) {
            pair.read(r, true);
        }
    }

    /**
     * {@link ReadOnly} against an engine that does not validate when a read meets a newer
     * version ({@code skip-validation}): the zombie's inconsistent view must be reported.
     */
    @JCStressTest
    @JCStressMeta(OpacityTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("skip-validation");
        }

        private final EqualPair pair;

        public Broken() {
            FaultSwitch.require("skip-validation");
            pair = new EqualPair();
        }

        @Actor
        public void writer() {
            pair.writeTwice();
        }

        @Actor
        public void reader(II_Result r) {
            pair.read(r, false);
        }
    }
}
