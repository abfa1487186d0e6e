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
 * Safe publication through a TVar: an object with plain (non-final, non-volatile) fields,
 * initialised before a transaction stores it in a TVar, is seen fully initialised by any thread
 * that reads it from that TVar, whether the read is a standalone {@link TVar#get()} or happens
 * inside a transaction. The commit must therefore give a happens-before edge from the writer's
 * construction to the reader's use. Each read is coded 0 (not yet published), 1 (fully
 * initialised) or 2 (published but some field still has its default value). r1 is the read
 * outside a transaction, r2 the later read inside one.
 */
@JCStressTest
@Outcome(id = {"0, 0", "0, 1", "1, 1"}, expect = ACCEPTABLE,
        desc = "Each read saw nothing yet or the fully initialised object.")
@Outcome(id = "1, 0", expect = FORBIDDEN,
        desc = "The later transactional read lost a value an earlier read already saw.")
@Outcome(expect = FORBIDDEN, desc = "An object seen with default field values (code 2).")
@State
public class PublicationTest {

    /** A holder with plain fields: only the TVar commit can publish them safely. */
    static final class Holder {
        int a;
        int b;
    }

    private final TVar<Holder> tv = new TVar<>(null);

    @Actor
    public void writer() {
        Holder h = new Holder();
        h.a = 1;
        h.b = 2;
        Stm.atomic(() -> tv.set(h));
    }

    @Actor
    public void reader(II_Result r) {
        r.r1 = code(tv.get());
        r.r2 = code(Stm.atomic(tv::get));
    }

    private static int code(Holder h) {
        if (h == null) {
            return 0;
        }
        return h.a == 1 && h.b == 2 ? 1 : 2;
    }
}
