package org.stm4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.stm4j.internal.Faults;

/**
 * The engine's test-only faults ({@link Faults}), which the jcstress {@code Broken} controls rely
 * on: off unless asked for, and when asked for, really breaking what they name (a control whose
 * fault silently did nothing would "pass" and prove nothing).
 */
class FaultInjectionTest {

    @Test
    void everyFaultIsOffInAnOrdinaryJvm() {
        for (String fault : List.of("skip-validation", "lost-wakeup", "orelse-keeps-writes", "ignore-irrevocable",
                "leak-locks-on-error")) {
            assertFalse(Faults.on(fault), fault);
        }
        assertEquals("fresh", StaleReadMain.run());
    }

    @Test
    void skipValidationLetsAStaleReadCommit() {
        ForkedJvm.Result r = ForkedJvm.run(List.of("-D" + Faults.PROPERTY + "=skip-validation"), StaleReadMain.class);
        assertEquals(0, r.exitCode, r.toString());
        assertTrue(r.output.contains("stale"), r.toString());
        assertTrue(r.output.contains("FAULT INJECTION ON"), r.toString());
    }

    @Test
    void anUnknownFaultNameIsRefused() {
        ForkedJvm.Result r = ForkedJvm.run(List.of("-D" + Faults.PROPERTY + "=no-such-fault"), StaleReadMain.class);
        assertNotEquals(0, r.exitCode, r.toString());
        assertTrue(r.output.contains("unknown fault 'no-such-fault'"), r.toString());
    }

    /**
     * A transaction reads {@code x}, another thread commits a new {@code x}, then the first writes
     * {@code y = x + 1} from its read. A validating engine re-runs the first (y ends equal to the
     * new x + 1: "fresh"); an engine without validation commits the stale read ("stale").
     */
    static final class StaleReadMain {
        public static void main(String[] args) {
            System.out.println(run());
        }

        static String run() {
            TVar<Integer> x = new TVar<>(0);
            TVar<Integer> y = new TVar<>(0);
            TVar<Boolean> interfered = new TVar<>(false);
            Stm.atomic(() -> {
                int seen = x.get();
                if (!interfered.get()) {
                    Thread other = new Thread(() -> Stm.atomic(() -> {
                        x.set(1);
                        interfered.set(true);
                    }));
                    other.start();
                    try {
                        other.join();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                y.set(seen + 1);
            });
            return y.get() == x.get() + 1 ? "fresh" : "stale";
        }
    }
}
