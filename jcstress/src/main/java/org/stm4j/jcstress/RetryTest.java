package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;
import org.stm4j.Stm;
import org.stm4j.StmException;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;

/**
 * The {@code retry} wake-up: a transaction that read X and called {@code Stm.retry()} is woken by
 * any later commit that writes X — no lost wake-up, however the waiter's registration and the
 * writer's commit interleave. The waiter blocks until the flag it waits for is set, then returns
 * which branch saw it; the writer sets the flag once. If the wake-up were lost the waiter would
 * sleep forever; here its block has a deadline (10 s, far beyond any scheduling delay) and a
 * timeout is recorded as -1.
 */
@Outcome(id = "1", expect = ACCEPTABLE, desc = "The waiter saw the write (woken, or it came first).")
@Outcome(id = "-1", expect = FORBIDDEN, desc = "Lost wake-up: the waiter slept through the commit.")
@Outcome(expect = FORBIDDEN, desc = "The waiter returned a value nobody wrote.")
public class RetryTest {

    private static final TxnConfig PATIENT = Bounded.within(Duration.ofSeconds(10));

    private RetryTest() {
    }

    /** A flag and a waiter for it. */
    static final class Flag {
        final TVar<Integer> flag = new TVar<>(0);
        final TVar<Integer> other = new TVar<>(0);

        void set() {
            Stm.atomic(() -> flag.set(1));
        }

        int awaitFlag(TxnConfig config) {
            try {
                return Stm.atomic(config, () -> {
                    int v = flag.get();
                    if (v == 0) {
                        Stm.retry();
                    }
                    return v;
                });
            } catch (StmException timedOut) {
                return -1;
            }
        }

        /** Waits in {@code orElse} for either TVar; only the second branch's is ever written. */
        int awaitEither(TxnConfig config) {
            try {
                return Stm.atomic(config, () -> Stm.orElse(() -> {
                    if (other.get() == 0) {
                        Stm.retry();
                    }
                    return 2;
                }, () -> {
                    int v = flag.get();
                    if (v == 0) {
                        Stm.retry();
                    }
                    return v;
                }));
            } catch (StmException timedOut) {
                return -1;
            }
        }
    }

    /** One waiter, one TVar. */
    @JCStressTest
    @JCStressMeta(RetryTest.class)
    @State
    public static class WakeUp {
        private final Flag f = new Flag();

        @Actor
        public void writer() {
            f.set();
        }

        @Actor
        public void waiter(I_Result r) {
            r.r1 = f.awaitFlag(PATIENT);
        }
    }

    /**
     * The waiter sits in {@code orElse} with both branches retrying: it must wake for a write to
     * what either branch read — here the second branch's.
     */
    @JCStressTest
    @JCStressMeta(RetryTest.class)
    @State
    public static class WakeUpForEitherBranch {
        private final Flag f = new Flag();

        @Actor
        public void writer() {
            f.set();
        }

        @Actor
        public void waiter(I_Result r) {
            r.r1 = f.awaitEither(PATIENT);
        }
    }

    /**
     * {@link WakeUp} against an engine whose commits never wake waiters ({@code lost-wakeup}); a
     * waiter that registered before the commit now times out (after 50 ms here, so the run ends).
     */
    @JCStressTest
    @JCStressMeta(RetryTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("lost-wakeup");
        }

        private static final TxnConfig IMPATIENT = Bounded.within(Duration.ofMillis(50));

        private final Flag f;

        public Broken() {
            FaultSwitch.require("lost-wakeup");
            f = new Flag();
        }

        @Actor
        public void writer() {
            f.set();
        }

        @Actor
        public void waiter(I_Result r) {
            r.r1 = f.awaitFlag(IMPATIENT);
        }
    }
}
