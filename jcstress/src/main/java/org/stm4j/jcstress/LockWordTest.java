package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.IIII_Result;
import org.stm4j.Stm;
import org.stm4j.StmException;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.access.Deferred;
import org.stm4j.access.Txn;
import org.stm4j.internal.TxnContext;

/**
 * The lock word and the clock. Every TVar has one metadata word: a version (the clock counter of
 * the commit that wrote it, in the high 48 bits) when free, the owner's id with the low bit set
 * while a committer holds it. Two properties:
 * <ul>
 *   <li>a TVar's version never goes backwards — successive commits to one TVar carry
 *       non-decreasing clock counters, as every observer sees them (a reader's snapshot rule,
 *       "counter ≤ my read version", depends on it);</li>
 *   <li>a lock is never left held after an exception: not when the block throws, not when a hook
 *       throws, not when the commit itself fails after locking (a deferred commit-time computation
 *       of the collections throwing). A leaked lock would block every later writer forever.</li>
 * </ul>
 * The test reads the words directly (the test runs on the class path, where the engine's private
 * field is reachable); blocks that could meet a leaked lock have a deadline, so a leak is an
 * outcome, not a hang.
 */
public class LockWordTest {

    private static final VarHandle META;

    static {
        try {
            META = MethodHandles.privateLookupIn(TVar.class, MethodHandles.lookup())
                    .findVarHandle(TVar.class, "meta", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int COUNTER_SHIFT = 16;
    private static final TxnConfig BOUNDED = Bounded.within(Duration.ofSeconds(2));
    private static final TxnConfig IRREVOCABLE = TxnConfig.builder().irrevocable(true).build();
    private static final TxnConfig IRREVOCABLE_BOUNDED = TxnConfig.builder()
            .irrevocable(true).timeout(Duration.ofSeconds(2)).build();

    /** A commit-time computation that fails after the write set is locked. */
    private static final Deferred FAILING = new Deferred() {
        @Override
        public Object peek(Object committed) {
            return committed;
        }

        @Override
        public Object resolve(Object committed, Txn committing) {
            throw new IllegalStateException("deliberate failure during commit");
        }
    };

    private LockWordTest() {
    }

    static boolean locked(TVar<?> v) {
        return ((long) META.getVolatile(v) & 1L) != 0;
    }

    /** The clock counter of the version a TVar holds, waiting out a committer's lock. */
    static long counter(TVar<?> v) {
        for (;;) {
            long m = (long) META.getAcquire(v);
            if ((m & 1L) == 0) {
                return m >>> COUNTER_SHIFT;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * The writer commits {@code x = 1} then {@code x = 2}; the reader samples (value, version)
     * twice, outside transactions. r1, r2 = the values seen; r3 = 1 if the second version's
     * counter is below the first's.
     */
    @JCStressTest
    @Outcome(id = {"0, 0, 0", "0, 1, 0", "0, 2, 0", "1, 1, 0", "1, 2, 0", "2, 2, 0"}, expect = ACCEPTABLE,
            desc = "Values and versions moved forward only.")
    @Outcome(expect = FORBIDDEN, desc = "A value or a version went backwards.")
    @State
    public static class VersionNeverGoesBackwards {
        private final TVar<Integer> x = new TVar<>(0);

        @Actor
        public void writer() {
            Stm.atomic(() -> x.set(1));
            Stm.atomic(() -> x.set(2));
        }

        @Actor
        public void reader(III_Result r) {
            long c1 = counter(x);
            int v1 = x.get();
            long c2 = counter(x);
            int v2 = x.get();
            r.r1 = v1;
            r.r2 = v2;
            r.r3 = c2 < c1 ? 1 : 0;
        }
    }

    /** A failed commit, competing with a writer of the same TVar. */
    static final class FailedCommit {
        final TVar<Integer> x = new TVar<>(0);
        final TVar<Integer> y = new TVar<>(0);
        final TVar<Integer> z = new TVar<>(0);
        private final TxnConfig writerConfig;

        FailedCommit(TxnConfig writerConfig) {
            this.writerConfig = writerConfig;
        }

        void commitThatFails() {
            try {
                Stm.atomic(() -> {
                    x.set(1);
                    y.set(1);
                    TxnContext.current().writeDeferred(z, FAILING);
                });
            } catch (IllegalStateException expected) {
                // the commit failed after locking x, y and z: it must have released them
            }
        }

        int addTen() {
            try {
                return Stm.atomic(writerConfig, () -> {
                    x.set(x.get() + 10);
                    return x.get();
                });
            } catch (StmException gaveUp) {
                return -1;
            }
        }

        void report(IIII_Result r) {
            r.r3 = locked(x) || locked(y) || locked(z) ? 1 : 0;
            r.r4 = (long) META.getVolatile(x) % 2 == 0 ? x.get() : -1;
        }
    }

    /**
     * Actor 1's commit locks x, y, z and then fails; actor 2 adds 10 to x. r1 = 0 (unused),
     * r2 = what actor 2 committed (-1 if it gave up waiting on a lock), r3 = 1 if a lock is still
     * held at the end, r4 = x at the end.
     */
    @JCStressTest
    @Outcome(id = "0, 10, 0, 10", expect = ACCEPTABLE, desc = "The failed commit left nothing: no value, no lock.")
    @Outcome(expect = FORBIDDEN, desc = "A lock leaked (a writer gave up on it, or it is still held), or the failed commit's x = 1 survived.")
    @State
    public static class ReleasedWhenCommitFails {
        private final FailedCommit s = new FailedCommit(BOUNDED);

        @Actor
        public void failing() {
            s.commitThatFails();
        }

        @Actor
        public void writer(IIII_Result r) {
            r.r2 = s.addTen();
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            s.report(r);
        }
    }

    /**
     * Actor 1 runs an irrevocable block (it holds the global irrevocability token) that writes x and
     * throws; actor 2 commits y and then its afterCommit hook throws. Afterwards the token must be
     * free (the arbiter becomes irrevocable within 2 s: r1 = 1), x unchanged (r2 = 0), y committed
     * (r3 = 1) and no lock held (r4 = 0).
     */
    @JCStressTest
    @Outcome(id = "1, 0, 1, 0", expect = ACCEPTABLE, desc = "Both exceptions left no token and no lock behind.")
    @Outcome(expect = FORBIDDEN, desc = "The token or a lock leaked, or a write of the throwing block survived.")
    @State
    public static class ReleasedWhenBlockOrHookThrows {
        private final TVar<Integer> x = new TVar<>(0);
        private final TVar<Integer> y = new TVar<>(0);

        @Actor
        public void irrevocableBlockThrows() {
            try {
                Stm.atomic(IRREVOCABLE, () -> {
                    x.set(1);
                    throw new IllegalStateException("deliberate failure in an irrevocable block");
                });
            } catch (IllegalStateException expected) {
                // the block is abandoned; its write must not commit
            }
        }

        @Actor
        public void hookThrows() {
            try {
                Stm.atomic(() -> {
                    y.set(1);
                    Stm.afterCommit(() -> {
                        throw new IllegalStateException("deliberate failure in an afterCommit hook");
                    });
                });
            } catch (IllegalStateException expected) {
                // the commit stands; the hook's exception reaches the caller
            }
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            int tokenFree;
            try {
                tokenFree = Stm.atomic(IRREVOCABLE_BOUNDED, () -> 1);
            } catch (StmException tokenHeld) {
                tokenFree = 0;
            }
            r.r1 = tokenFree;
            r.r2 = x.get();
            r.r3 = y.get();
            r.r4 = locked(x) || locked(y) ? 1 : 0;
        }
    }

    /**
     * {@link ReleasedWhenCommitFails} against an engine that keeps the locks of a commit that fails
     * ({@code leak-locks-on-error}): the writer gives up (r2 = -1) or the arbiter sees the lock.
     */
    @JCStressTest
    @Outcome(id = "0, 10, 0, 10", expect = ACCEPTABLE, desc = "The failed commit left nothing: no value, no lock.")
    @Outcome(expect = FORBIDDEN, desc = "A lock leaked (a writer gave up on it, or it is still held), or the failed commit's x = 1 survived.")
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("leak-locks-on-error");
        }

        private final FailedCommit s;

        public Broken() {
            FaultSwitch.require("leak-locks-on-error");
            s = new FailedCommit(Bounded.within(Duration.ofMillis(1))); // every iteration leaks: give up fast
        }

        @Actor
        public void failing() {
            s.commitThatFails();
        }

        @Actor
        public void writer(IIII_Result r) {
            r.r2 = s.addTen();
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            s.report(r);
        }
    }
}
