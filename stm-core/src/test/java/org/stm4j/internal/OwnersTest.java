package org.stm4j.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stm4j.Stm;

/**
 * A context is found by its id however many contexts exist: the committer holding a lock is named
 * to the contention manager and the conflict report (before, ids 1,024 apart shared an entry and the
 * older context became "unknown").
 */
class OwnersTest {

    @Test
    void everyContextInUseIsFoundByItsIdPastAThousand() throws Exception {
        int threads = 1_100; // all in a block at once, so at least this many contexts exist
        CountDownLatch allIn = new CountDownLatch(threads);
        CountDownLatch checked = new CountDownLatch(1);
        List<TxnContext> contexts = new ArrayList<>();
        List<Thread> all = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            Thread t = new Thread(() -> Stm.atomic(() -> {
                synchronized (contexts) {
                    contexts.add(TxnContext.current());
                }
                allIn.countDown();
                try {
                    checked.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            t.start();
            all.add(t);
        }
        try {
            allIn.await(60, TimeUnit.SECONDS);
            synchronized (contexts) {
                for (TxnContext c : contexts) {
                    assertSame(c, Owners.find(c.id()), "context " + c.id());
                }
            }
        } finally {
            checked.countDown();
            for (Thread t : all) {
                t.join();
            }
        }
        assertNull(Owners.find(0), "id 0 is no context's");
        assertNull(Owners.find(1L << 40), "an id never handed out");
    }
}
