package org.stm4j.internal.cm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.stm4j.AbortCause;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/** The default manager's ladder, its long-reader rule, and what the engine shows it in onAbort. */
class DefaultContentionManagerTest {

    private final DefaultContentionManager manager = new DefaultContentionManager();

    @Test
    void aLongReadOnlyAttemptGoesIrrevocableAfterItsFirstAbort() {
        assertEquals(AttemptMode.IRREVOCABLE, manager.onAbort(view(1, DefaultContentionManager.LONG_READER, 0),
                AbortCause.READ_CONFLICT));
    }

    @Test
    void shortOrWritingAttemptsKeepTheLadder() {
        assertEquals(AttemptMode.OPTIMISTIC, manager.onAbort(view(1, DefaultContentionManager.LONG_READER - 1, 0),
                AbortCause.READ_CONFLICT));
        assertEquals(AttemptMode.OPTIMISTIC, manager.onAbort(view(1, 10_000, 1), AbortCause.VALIDATION));
        assertEquals(AttemptMode.PRIORITY, manager.onAbort(view(DefaultContentionManager.PRIORITY_FROM, 3, 1),
                AbortCause.VALIDATION));
        assertEquals(AttemptMode.IRREVOCABLE, manager.onAbort(view(DefaultContentionManager.IRREVOCABLE_FROM, 3, 1),
                AbortCause.VALIDATION));
    }

    /** The engine shows the manager the read and write counts of the attempt that aborted. */
    @Test
    void onAbortSeesTheAbortedAttemptsCounts() throws Exception {
        TVar<Integer> a = new TVar<>(0);
        TVar<Integer> b = new TVar<>(0);
        TVar<Integer> c = new TVar<>(0);
        List<int[]> seen = new ArrayList<>();
        ContentionManager recording = new ContentionManager() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public AttemptMode onAbort(TxnView tx, AbortCause cause) {
                seen.add(new int[] {tx.readCount(), tx.writeCount()});
                return AttemptMode.OPTIMISTIC;
            }
        };
        TxnConfig config = TxnConfig.builder().contentionManager(recording).build();
        int[] attempts = {0};
        Stm.atomic(config, () -> {
            a.get();
            b.get();
            if (attempts[0]++ == 0) {
                Thread other = new Thread(() -> a.set(1)); // commits over the read of a
                other.start();
                try {
                    other.join();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            c.set(1); // an update commit validates its reads: the first attempt aborts
        });
        assertEquals(2, attempts[0]);
        assertEquals(1, seen.size());
        assertEquals(2, seen.get(0)[0], "reads of the aborted attempt");
        assertEquals(1, seen.get(0)[1], "writes of the aborted attempt");
    }

    private static TxnView view(int consecutiveAborts, int reads, int writes) {
        return new TxnView() {
            @Override
            public long id() {
                return 1;
            }

            @Override
            public int attempt() {
                return consecutiveAborts + 1;
            }

            @Override
            public int consecutiveAborts() {
                return consecutiveAborts;
            }

            @Override
            public long ticket() {
                return 1;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public long karma() {
                return reads + writes;
            }

            @Override
            public int readCount() {
                return reads;
            }

            @Override
            public int writeCount() {
                return writes;
            }

            @Override
            public AttemptMode mode() {
                return AttemptMode.OPTIMISTIC;
            }

            @Override
            public long managerState() {
                return 0;
            }

            @Override
            public void managerState(long state) {
            }
        };
    }
}
