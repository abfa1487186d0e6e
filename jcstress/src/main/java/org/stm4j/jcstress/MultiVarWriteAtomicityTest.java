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
 * Atomicity of a multi-TVar commit: one actor writes two TVars to the same new value in one
 * transaction; the other reads both in one transaction. A reader must see both writes or neither,
 * never one without the other.
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "The reader ran before the writer's commit.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The reader ran after the writer's commit.")
@Outcome(id = {"0, 1", "1, 0"}, expect = FORBIDDEN, desc = "Torn read: half of a commit seen.")
@Outcome(expect = FORBIDDEN, desc = "A value nobody wrote.")
@State
public class MultiVarWriteAtomicityTest {

    private final TVar<Integer> a = new TVar<>(0);
    private final TVar<Integer> b = new TVar<>(0);

    @Actor
    public void writer() {
        Stm.atomic(() -> {
            a.set(1);
            b.set(1);
        });
    }

    @Actor
    public void reader(II_Result r) {
        int[] seen = Stm.atomic(() -> new int[] {a.get(), b.get()});
        r.r1 = seen[0];
        r.r2 = seen[1];
    }
}
