package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * Opacity: every attempt of a transaction, including attempts that are later aborted and
 * retried, sees a consistent snapshot. The writer commits twice, each time setting two TVars to
 * the same new value ({@code x = y = n + 1}), so {@code x == y} holds in every committed state.
 * The reader reads {@code x}, then {@code y}, inside a transaction and, from inside the block on
 * every attempt, records whether that attempt saw them differ. The flag is sticky across
 * attempts, so a zombie attempt that saw {@code x != y} and was then aborted is still reported:
 * r1 is 1 if any attempt saw an inconsistent pair, r2 is the value the committed attempt saw.
 */
@JCStressTest
@Outcome(id = {"0, 0", "0, 1", "0, 2"}, expect = ACCEPTABLE,
        desc = "Every attempt saw x == y; the committed one saw 0, 1 or 2 commits.")
@Outcome(id = {"1, 0", "1, 1", "1, 2"}, expect = FORBIDDEN,
        desc = "Some attempt (possibly an aborted one) saw x != y: opacity violated.")
@Outcome(expect = FORBIDDEN, desc = "A value nobody wrote.")
@State
public class OpacityTest {

    private final TVar<Integer> x = new TVar<>(0);
    private final TVar<Integer> y = new TVar<>(0);

    @Actor
    public void writer() {
        for (int i = 0; i < 2; i++) {
            Stm.atomic(() -> {
                int n = x.get();
                x.set(n + 1);
                y.set(n + 1);
            });
        }
    }

    @Actor
    public void reader(II_Result r) {
        Stm.atomic(() -> {
            int seenX = x.get();
            int seenY = y.get();
            if (seenX != seenY) {
                r.r1 = 1; // recorded before the attempt can abort; never reset by a retry
            }
            r.r2 = seenX;
        });
    }
}
