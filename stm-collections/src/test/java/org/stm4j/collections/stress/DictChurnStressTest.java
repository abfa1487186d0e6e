package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.collections.TDict;
import org.stm4j.testkit.Stress;

/**
 * Insert/delete churn on one {@link TDict} while readers iterate it. Keys come in pairs
 * {@code (2m, 2m+1)}, inserted together and deleted together in one transaction, both mapping to
 * the pair's slot number. Every insert uses fresh keys (the writer draws {@code m} from its own
 * counter), so the dict keeps creating and retiring per-key state. Invariant: <b>every iteration
 * sees a consistent snapshot</b> — both keys of a pair or neither, each key once, each slot in at
 * most one pair, as many keys as {@code len()} reports, and a {@code bookkeeping} dict (slot to key,
 * updated in the same transactions) that agrees with it. Readers check this inside their
 * transactions, so an inconsistent view in any attempt fails the test.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class DictChurnStressTest {

    private static final int SLOTS = 64;

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 4, 8})
    void pairsInsertedAndDeletedTogetherAreSeenTogether(int writers) throws InterruptedException {
        churn(writers, SLOTS, Stress.size());
    }

    /** Many more slots (long iterations) and twice the transactions. */
    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 8})
    @Tag("slow")
    void pairsOfALargeDictAreSeenTogether(int writers) throws InterruptedException {
        churn(writers, 4_096, 2 * Stress.size());
    }

    private static void churn(int writers, int slots, int size) throws InterruptedException {
        TDict<Long, Integer> d = new TDict<>();
        TDict<Integer, Long> pairOf = new TDict<>(); // slot -> its pair's first key
        AtomicInteger writersLeft = new AtomicInteger(writers);
        LongAdder scans = new LongAdder();
        LongAdder inserts = new LongAdder();
        Stress.Attempts scanAttempts = new Stress.Attempts();

        Stress.run("dict-churn", writers + 1, Stress.budget(size, 50_000), index -> {
            if (index == 0) {
                int[] tries = new int[1];
                do {
                    boolean viaItems = scans.sum() % 2 == 0;
                    tries[0] = 0;
                    atomic(() -> {
                        tries[0]++;
                        checkPairs(d, pairOf, viaItems);
                    });
                    scanAttempts.record("scan", tries[0]);
                    scans.increment();
                } while (writersLeft.get() > 0);
                return;
            }
            try {
                SplittableRandom rnd = new SplittableRandom(0xc4a2L * index);
                long next = (long) index << 40;
                for (int k = Stress.share(size, writers, index - 1); k > 0; k--) {
                    int slot = rnd.nextInt(slots);
                    long fresh = 2 * next++;
                    boolean inserted = atomic(() -> {
                        Long first = pairOf.get(slot);
                        if (first != null) {
                            d.delItem(first);
                            d.delItem(first + 1);
                            pairOf.delItem(slot);
                            return false;
                        }
                        d.put(fresh, slot);
                        d.put(fresh + 1, slot);
                        pairOf.put(slot, fresh);
                        return true;
                    });
                    if (inserted) {
                        inserts.increment();
                    }
                }
            } finally {
                writersLeft.decrementAndGet();
            }
        });

        atomic(() -> checkPairs(d, pairOf, false));
        assertTrue(scans.sum() >= 1, "no scan ran");
        assertTrue(inserts.sum() > 0, "no insert");
        assertEquals(2 * pairOf.len(), d.len(), "len()");
        System.out.printf("dict-churn, %d writers, %d slots: %d inserts, %d scans, attempts per scan %s%n",
                writers, slots, inserts.sum(), scans.sum(), scanAttempts);
    }

    /** The invariant, checked by iterating {@code d} (keys or items) and {@code pairOf}. */
    private static void checkPairs(TDict<Long, Integer> d, TDict<Integer, Long> pairOf, boolean viaItems) {
        Map<Long, Integer> seen = new HashMap<>();
        if (viaItems) {
            for (Map.Entry<Long, Integer> e : d.items()) {
                see(seen, e.getKey(), e.getValue());
            }
        } else {
            for (Long k : d.keys()) {
                see(seen, k, d.getItem(k));
            }
        }
        Map<Integer, Long> firstOfSlot = new HashMap<>();
        for (Map.Entry<Long, Integer> e : seen.entrySet()) {
            long k = e.getKey();
            Integer partner = seen.get(k ^ 1);
            if (partner == null) {
                throw new AssertionError("key " + k + " seen without its partner " + (k ^ 1));
            }
            if (!partner.equals(e.getValue())) {
                throw new AssertionError("pair " + (k & ~1L) + " maps to slots " + e.getValue() + " and " + partner);
            }
            Long other = firstOfSlot.put(e.getValue(), k & ~1L);
            if (other != null && other != (k & ~1L)) {
                throw new AssertionError("slot " + e.getValue() + " in two pairs: " + other + " and " + (k & ~1L));
            }
        }
        int len = d.len();
        if (len != seen.size()) {
            throw new AssertionError("len() is " + len + " but iteration saw " + seen.size() + " keys");
        }
        Map<Integer, Long> book = new HashMap<>();
        for (Map.Entry<Integer, Long> e : pairOf.items()) {
            book.put(e.getKey(), e.getValue());
        }
        if (!book.equals(firstOfSlot)) {
            throw new AssertionError("bookkeeping " + book + " disagrees with the dict's pairs " + firstOfSlot);
        }
    }

    private static void see(Map<Long, Integer> seen, Long key, Integer slot) {
        if (seen.put(key, slot) != null) {
            throw new AssertionError("iteration returned key " + key + " twice");
        }
    }
}
