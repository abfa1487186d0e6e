package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.AbortCause;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.TxnConfig;
import org.stm4j.access.Deferred;
import org.stm4j.access.Txn;
import org.stm4j.spi.AttemptMode;
import org.stm4j.spi.ContentionManager;
import org.stm4j.spi.TxnView;

/**
 * The SPI's view of the enemy and the leave hook: a manager sees the committer holding the lock it
 * met ({@code onLocked}), the prioritized reader a commit would overwrite ({@code yieldsTo}), and is
 * told when a block it holds state for stops competing ({@code onLeave}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ContentionManagerEnemyTest {

    /** A deferred write that holds its commit (and so the TVar's lock) until released. */
    private static final class HoldLock implements Deferred {
        final CountDownLatch locked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Object peek(Object committed) {
            return committed;
        }

        @Override
        public Object resolve(Object committed, Txn committing) {
            locked.countDown();
            await(release);
            return (Integer) committed + 1;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "latch timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Records the enemies it is shown. */
    private static class Recording implements ContentionManager {
        final List<Long> owners = new CopyOnWriteArrayList<>();
        final List<Long> readers = new CopyOnWriteArrayList<>();
        final List<Integer> readerPriorities = new CopyOnWriteArrayList<>();
        volatile Runnable onEnemy = () -> { };

        @Override
        public String name() {
            return "recording";
        }

        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            return AttemptMode.OPTIMISTIC;
        }

        @Override
        public boolean onLocked(TxnView tx, TxnView owner, int spins, boolean atCommit) {
            owners.add(owner == null ? -1L : owner.id());
            onEnemy.run();
            return true;
        }

        @Override
        public boolean yieldsTo(TxnView tx, TxnView reader, int readerPriority) {
            readers.add(reader == null ? -1L : reader.id());
            readerPriorities.add(readerPriority);
            onEnemy.run();
            return true;
        }
    }

    @ParameterizedTest(name = "at commit: {0}")
    @ValueSource(booleans = {false, true})
    void onLockedIsShownTheCommitterHoldingTheLock(boolean atCommit) throws Exception {
        TVar<Integer> x = new TVar<>(0);
        HoldLock hold = new HoldLock();
        AtomicLong ownerId = new AtomicLong();
        Thread owner = new Thread(() -> Stm.atomic(() -> {
            ownerId.set(TxnContext.current().id());
            TxnContext.current().writeDeferred(x, hold);
        }));
        owner.start();
        await(hold.locked);
        Recording cm = new Recording();
        cm.onEnemy = hold.release::countDown;
        TxnConfig config = TxnConfig.builder().contentionManager(cm).build();
        if (atCommit) {
            config.atomic(() -> x.set(5));
        } else {
            assertEquals(1, (int) config.atomic(() -> x.get()));
        }
        owner.join();
        assertTrue(!cm.owners.isEmpty(), "onLocked was not called");
        assertEquals(ownerId.get(), cm.owners.get(0), "the lock's owner as shown to the manager");
    }

    /** Aborts once (a conflict the test arranges), then runs in priority mode with priority 7. */
    private static final class PriorityOnAbort implements ContentionManager {
        @Override
        public String name() {
            return "priority-on-abort";
        }

        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            return AttemptMode.PRIORITY;
        }

        @Override
        public int priorityOf(TxnView tx) {
            return 7;
        }
    }

    @Test
    void yieldsToIsShownThePrioritizedReader() throws Exception {
        TVar<Integer> y = new TVar<>(0);
        CountDownLatch readOnce = new CountDownLatch(1);
        CountDownLatch overwritten = new CountDownLatch(1);
        CountDownLatch readVisibly = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong readerId = new AtomicLong();
        TxnConfig readerConfig = TxnConfig.builder().contentionManager(new PriorityOnAbort()).build();
        Thread reader = new Thread(() -> readerConfig.atomic(() -> {
            readerId.set(TxnContext.current().id());
            int seen = y.get();
            if (TxnContext.current().attempt() == 1) {
                readOnce.countDown();
                await(overwritten); // y changes under us: this attempt fails validation
            } else {
                readVisibly.countDown();
                await(release);
            }
            y.set(seen + 100);
        }));
        reader.start();
        await(readOnce);
        y.set(1);
        overwritten.countDown();
        await(readVisibly);

        Recording cm = new Recording();
        cm.onEnemy = release::countDown;
        TxnConfig.builder().contentionManager(cm).build().atomic(() -> y.set(y.get() + 1));
        reader.join();
        assertTrue(!cm.readers.isEmpty(), "yieldsTo was not called");
        assertEquals(readerId.get(), cm.readers.get(0), "the reader as shown to the manager");
        assertEquals(7, cm.readerPriorities.get(0));
        assertEquals(102, (int) y.get(), "the reader's commit, then ours on top of it");
    }

    /** Keeps a non-zero scratch word from the first begin on and records the leave calls. */
    private static final class Holding implements ContentionManager {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "holding";
        }

        @Override
        public void onBegin(TxnView tx) {
            tx.managerState(1);
            events.add("begin");
        }

        @Override
        public void onCommit(TxnView tx) {
            events.add("commit");
        }

        @Override
        public AttemptMode onAbort(TxnView tx, AbortCause cause) {
            return AttemptMode.OPTIMISTIC;
        }

        @Override
        public void onLeave(TxnView tx) {
            events.add("leave:" + tx.managerState());
            tx.managerState(0);
        }
    }

    @Test
    void onLeaveRunsWhenABlockHoldingStateCommitsThrowsOrWaits() throws Exception {
        Holding cm = new Holding();
        TxnConfig config = TxnConfig.builder().contentionManager(cm).build();
        TVar<Integer> x = new TVar<>(0);
        config.atomic(() -> x.set(1));
        assertEquals(List.of("begin", "commit", "leave:1"), cm.events);

        cm.events.clear();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThrows(IllegalStateException.class, () -> config.atomic(() -> {
            x.set(2);
            throw boom;
        }));
        assertEquals(List.of("begin", "leave:1"), cm.events);

        cm.events.clear();
        Thread writer = new Thread(() -> {
            while (!cm.events.contains("leave:1")) {
                Thread.onSpinWait();
            }
            x.set(3);
        });
        writer.start();
        int seen = config.atomic(() -> {
            if (x.get() != 3) {
                Stm.retry();
            }
            return x.get();
        });
        writer.join();
        assertEquals(3, seen);
        assertEquals(List.of("begin", "leave:1", "begin", "commit", "leave:1"), cm.events);

        cm.events.clear();
        Stm.atomic(() -> x.set(4)); // another manager: not called
        assertEquals(List.of(), cm.events);
    }
}
