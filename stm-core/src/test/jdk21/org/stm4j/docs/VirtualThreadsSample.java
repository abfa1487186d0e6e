package org.stm4j.docs;

import static org.stm4j.Stm.atomic;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.stm4j.Stm;
import org.stm4j.TVar;

/**
 * The guide's virtual-threads sample. It needs JDK 21+, while the build targets 17, so it is not
 * compiled by Maven: {@code VirtualThreadsSnippetTest} compiles and runs it when the tests run on
 * JDK 21 or later (CI's JDK 25 run), and skips it on JDK 17.
 */
public final class VirtualThreadsSample {
    private VirtualThreadsSample() {
    }

    /** Runs the sample and returns the final count. */
    public static int run() throws InterruptedException {
        // region guide-virtual-threads
        TVar<Integer> tickets = new TVar<>(0);
        TVar<Boolean> open = new TVar<>(false);

        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 10_000; i++) {
                executor.submit(() -> atomic(() -> {
                    if (!open.get()) {
                        Stm.retry();                 // parks: the virtual thread unmounts
                    }
                    tickets.set(tickets.get() + 1);
                }));
            }
            open.set(true);                          // wakes all 10,000 waiters
        }                                            // close() waits for every task
        System.out.println(tickets.get());           // 10000
        // endregion
        return tickets.get();
    }
}
