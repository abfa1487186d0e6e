package org.stm4j.example;

import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;

/**
 * The README example as a user compiles it: against the installed jars, on the module path
 * (module-path/) and on the class path (class-path/). Exits non-zero if anything is off.
 */
public final class ReadmeExample {
    private ReadmeExample() {
    }

    /**
     * Runs the README example, the collections example and a contention manager found by name.
     *
     * @param args ignored
     * @throws InterruptedException if interrupted while joining the threads
     */
    public static void main(String[] args) throws InterruptedException {
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
        check(alice.get() == 0 && bob.get() == 100 && total == 100, "the transfers did not add up");

        TList<String> inbox = TList.of("a", "b"), done = new TList<>();
        atomic(() -> done.append(inbox.pop()));
        TDict<String, Integer> a = new TDict<>(), b = new TDict<>();
        a.setItem("x", 1);
        atomic(() -> b.update(a));
        check(done.equals(List.of("b")) && b.getItem("x") == 1, "the collections misbehaved");

        TxnConfig backoff = TxnConfig.builder().contentionManager("backoff").build();   // via ServiceLoader
        backoff.atomic(() -> bob.set(bob.get() + 1));
        check(bob.get() == 101, "the backoff block did not commit");

        Module core = Stm.class.getModule();
        if (core.isNamed()) {
            check(core.getName().equals("org.stm4j") && !core.isExported("org.stm4j.internal"),
                    "org.stm4j exports its engine to users: " + core.getDescriptor());
        }
        System.out.println("consumer OK on the " + (core.isNamed() ? "module" : "class") + " path");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            System.err.println("FAILED: " + message);
            System.exit(1);
        }
    }
}
