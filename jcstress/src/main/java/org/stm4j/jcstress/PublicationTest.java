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
import org.stm4j.collections.TDict;

/**
 * Safe publication: an object with plain (non-final, non-volatile) fields, initialised before a
 * commit stores it, is seen fully initialised by any thread that reads it back, whether the read
 * is a standalone {@code get()} or happens inside a transaction. The commit must therefore give a
 * happens-before edge from the writer's construction to the reader's use — the guarantee the
 * guide relies on when it says "put immutable (or effectively immutable) values in TVars".
 *
 * <p>Each read is coded 0 (not yet published), 1 (fully initialised) or 2 (published, but some
 * field still has its default value). r1 is a read outside any transaction, r2 a later read inside
 * one; the later read may not lose what the earlier one saw.
 */
@Outcome(id = {"0, 0", "0, 1", "1, 1"}, expect = ACCEPTABLE,
        desc = "Each read saw nothing yet or the fully initialised object.")
@Outcome(id = "1, 0", expect = FORBIDDEN,
        desc = "The later transactional read lost a value an earlier read already saw.")
@Outcome(expect = FORBIDDEN, desc = "An object seen with default field values (code 2).")
public class PublicationTest {

    private PublicationTest() {
    }

    /** A holder with plain fields: only the commit can publish them safely. */
    static final class Holder {
        int a;
        int b;

        static Holder built() {
            Holder h = new Holder();
            h.a = 1;
            h.b = 2;
            return h;
        }
    }

    static int code(Holder h) {
        if (h == null) {
            return 0;
        }
        return h.a == 1 && h.b == 2 ? 1 : 2;
    }

    /** Built, then stored in a TVar by a transaction. */
    @JCStressTest
    @JCStressMeta(PublicationTest.class)
    @State
    public static class ThroughTVar {
        private final TVar<Holder> tv = new TVar<>(null);

        @Actor
        public void writer() {
            Holder h = Holder.built();
            Stm.atomic(() -> tv.set(h));
        }

        @Actor
        public void reader(II_Result r) {
            r.r1 = code(tv.get());
            r.r2 = code(Stm.atomic(tv::get));
        }
    }

    /** Built, then stored as a dict value by a single operation outside any transaction. */
    @JCStressTest
    @JCStressMeta(PublicationTest.class)
    @State
    public static class ThroughDict {
        private final TDict<String, Holder> d = new TDict<>();

        @Actor
        public void writer() {
            d.setItem("k", Holder.built());
        }

        @Actor
        public void reader(II_Result r) {
            r.r1 = code(d.get("k"));
            r.r2 = code(Stm.atomic(() -> d.get("k")));
        }
    }

    /**
     * The mistake the guide warns about, as a positive control for this test: the writer stores a
     * mutable object and then goes on initialising it outside the transaction. No commit can
     * publish writes made after it, so readers see the half-built object and jcstress must report
     * code 2. (No engine fault is needed; on x86 an engine without the release/acquire pairing
     * would be caught only rarely, so the control breaks the program instead.)
     */
    @JCStressTest
    @JCStressMeta(PublicationTest.class)
    @State
    public static class Broken {
        private final TVar<Holder> tv = new TVar<>(null);

        @Actor
        public void writer() {
            Holder h = new Holder();
            Stm.atomic(() -> tv.set(h));
            h.a = 1;
            h.b = 2;
        }

        @Actor
        public void reader(II_Result r) {
            r.r1 = code(tv.get());
            r.r2 = code(Stm.atomic(tv::get));
        }
    }
}
