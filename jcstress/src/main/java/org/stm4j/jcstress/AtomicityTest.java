package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.Map;
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
 * Atomicity of a multi-TVar commit: a commit that writes two locations is seen whole or not at
 * all. One actor writes {@code a = b = 1} in one commit; the other reads both in one consistent
 * read and reports them as {@code (a, b)}. Every serial order gives {@code (0, 0)} or
 * {@code (1, 1)}; a torn read is half of a commit.
 *
 * <p>The variants cover both paths a write can take: a transaction ({@code atomic}), and the
 * non-transactional single-operation path of the collections, where one call outside any
 * transaction ({@code TDict.update}, {@code TDict.copy}) is its own atomic transaction, as each
 * bytecode is atomic under Python's GIL.
 */
@Outcome(id = {"0, 0", "1, 1"}, expect = ACCEPTABLE, desc = "The reader saw none or all of the commit.")
@Outcome(id = {"0, 1", "1, 0"}, expect = FORBIDDEN, desc = "Torn read: half of a commit seen.")
@Outcome(expect = FORBIDDEN, desc = "A value nobody wrote.")
public class AtomicityTest {

    private AtomicityTest() {
    }

    /** Two TVars written together in one {@code atomic} block and read together in another. */
    static final class TwoVars {
        private final TVar<Integer> a = new TVar<>(0);
        private final TVar<Integer> b = new TVar<>(0);

        void write() {
            Stm.atomic(() -> {
                a.set(1);
                b.set(1);
            });
        }

        void read(II_Result r) {
            Stm.atomic(() -> {
                r.r1 = a.get();
                r.r2 = b.get();
            });
        }
    }

    /** Two TVars written in one {@code atomic} block, read in another. */
    @JCStressTest
    @JCStressMeta(AtomicityTest.class)
    @State
    public static class Transactional {
        private final TwoVars vars = new TwoVars();

        @Actor
        public void writer() {
            vars.write();
        }

        @Actor
        public void reader(II_Result r) {
            vars.read(r);
        }
    }

    /** The writer is one {@code TDict.update} outside any transaction: a single-operation commit. */
    @JCStressTest
    @JCStressMeta(AtomicityTest.class)
    @State
    public static class DictUpdateOutsideTransaction {
        private final TDict<String, Integer> d = new TDict<>();

        public DictUpdateOutsideTransaction() {
            d.update(Map.of("a", 0, "b", 0));
        }

        @Actor
        public void writer() {
            d.update(Map.of("a", 1, "b", 1));
        }

        @Actor
        public void reader(II_Result r) {
            Stm.atomic(() -> {
                r.r1 = d.getItem("a");
                r.r2 = d.getItem("b");
            });
        }
    }

    /** The reader is one {@code TDict.copy} outside any transaction: a single-operation snapshot. */
    @JCStressTest
    @JCStressMeta(AtomicityTest.class)
    @State
    public static class DictCopyOutsideTransaction {
        private final TDict<String, Integer> d = new TDict<>();

        public DictCopyOutsideTransaction() {
            d.update(Map.of("a", 0, "b", 0));
        }

        @Actor
        public void writer() {
            Stm.atomic(() -> {
                d.setItem("a", 1);
                d.setItem("b", 1);
            });
        }

        @Actor
        public void reader(II_Result r) {
            TDict<String, Integer> snapshot = d.copy();
            r.r1 = snapshot.getItem("a");
            r.r2 = snapshot.getItem("b");
        }
    }

    /**
     * The {@link Transactional} test against an engine that never validates reads
     * ({@code skip-validation}): a reader that read {@code a} before the commit and {@code b} after
     * it no longer notices, so jcstress must report the torn outcomes.
     */
    @JCStressTest
    @JCStressMeta(AtomicityTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("skip-validation");
        }

        private final TwoVars vars;

        public Broken() {
            FaultSwitch.require("skip-validation");
            vars = new TwoVars();
        }

        @Actor
        public void writer() {
            vars.write();
        }

        @Actor
        public void reader(II_Result r) {
            vars.read(r);
        }
    }
}
