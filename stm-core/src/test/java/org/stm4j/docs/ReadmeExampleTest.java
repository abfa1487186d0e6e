package org.stm4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * The README's example, compiled and run. {@link DocSnippetsTest} checks that the README shows exactly
 * the {@code readme-example} region below (the consumer build in {@code docs/consumer} compiles the
 * same region against the installed artifacts).
 */
class ReadmeExampleTest {

    @Test
    void exampleRunsAndConservesMoney() throws InterruptedException {
        // region readme-example
        TVar<Integer> alice = new TVar<>(100), bob = new TVar<>(0);

        Runnable transfer = () -> atomic(() -> {       // all or nothing, never half
            alice.set(alice.get() - 1);
            bob.set(bob.get() + 1);
        });
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> { for (int j = 0; j < 25; j++) transfer.run(); });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();

        int total = atomic(() -> alice.get() + bob.get());  // a consistent snapshot
        System.out.println("alice=" + alice.get() + " bob=" + bob.get() + " total=" + total);
        System.out.println(Stm.stats());                     // commits, aborts by cause, ...
        // endregion
        assertEquals(0, alice.get());
        assertEquals(100, bob.get());
        assertEquals(100, total);
    }
}
