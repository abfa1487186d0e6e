package org.stm4j.collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code TDict.put} of a present key outside a transaction is a one-TVar step, not a transaction
 * (issue 14). It must stay atomic against everything else that touches the key: racing deletes and
 * re-inserts of the same key, transactional increments, and readers of the dict's size and order.
 */
class DictOverwriteOutsideTest {

    /**
     * One thread overwrites key {@code k} outside any transaction while another deletes and re-inserts
     * it in transactions. An overwrite that replaced a deleted key's state with a stale slot would
     * resurrect the key without counting it: size and contents would disagree.
     */
    @Test
    void overwritesRacingDeletesNeverResurrectAKey() throws Exception {
        TDict<String, Integer> d = new TDict<>();
        d.put("other", 0);
        d.put("k", 0);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong bad = new AtomicLong();
        Thread writer = new Thread(() -> {
            for (int i = 1; !stop.get(); i++) {
                d.put("k", i & 1023); // values from the Integer cache: the loop allocates only slots
            }
        });
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread toggler = new Thread(() -> {
            try {
                for (int i = 0; i < 100_000; i++) {
                    atomic(() -> {
                        if (d.containsKey("k")) {
                            d.delItem("k");
                        } else {
                            d.put("k", -1);
                        }
                    });
                    if (i % 8 == 0) {
                        int[] seen = atomic(() -> {
                            int n = 0;
                            for (String key : d.keys()) {
                                n++;
                            }
                            return new int[] {n, d.len()};
                        });
                        if (seen[0] != seen[1]) {
                            bad.incrementAndGet();
                        }
                    }
                }
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                stop.set(true);
            }
        });
        writer.start();
        toggler.start();
        toggler.join();
        writer.join();
        if (failure.get() != null) {
            throw new AssertionError("the toggling thread failed", failure.get());
        }
        assertEquals(0, bad.get(), "size and contents disagreed");
        int n = 0;
        for (String key : d.keys()) {
            n++;
        }
        assertEquals(d.len(), n);
        assertTrue(d.len() == 1 || d.len() == 2);
        assertEquals(List.of("other"), new ArrayList<>(d.keys()).subList(0, 1), "order kept: 'other' first");
    }

    @Test
    void theReturnedValueIsThePreviousOneAndIdenticalValuesWriteNothing() {
        TDict<String, Integer> d = new TDict<>();
        assertNull(d.put("a", 1), "an insert (the transactional path)");
        assertEquals(1, d.put("a", 2), "an overwrite (the one-step path)");
        Integer same = 1000;
        d.put("a", same);
        assertEquals(same, d.put("a", same));
        assertEquals(1, d.len());
        d.put("b", 1);
        d.put("a", 5);
        assertEquals(List.of("a", "b"), new ArrayList<>(d.keys()), "an overwrite keeps the key's place");
    }
}
