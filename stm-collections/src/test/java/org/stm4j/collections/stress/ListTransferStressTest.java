package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.collections.IndexError;
import org.stm4j.collections.TList;
import org.stm4j.testkit.Stress;

/**
 * Items moved between {@link TList}s by several threads. Invariants:
 * <ul>
 *   <li><b>exactly once</b>: the items (distinct integers) are, at every commit and at the end, each
 *       in exactly one list — none lost, none duplicated;</li>
 *   <li><b>consistent snapshots</b>: every {@value #AUDIT_EVERY}th transaction of each thread iterates
 *       all lists <em>inside</em> one transaction and throws if an item is missing or seen twice, or
 *       if the lengths do not add up (so an attempt that sees an inconsistent state, even one that
 *       would later abort, fails the test);</li>
 *   <li><b>failure atomicity</b>: {@code pop} from an empty list throws {@link IndexError} out of the
 *       block and the target list is left unchanged (the item count stays exact).</li>
 * </ul>
 * The first test is the issue's {@code atomic(() -> b.append(a.pop()))}, both directions (each
 * thread picks one at random for each transfer, so both lists stay busy). The second pops at
 * random (also negative) indices of one of four lists and inserts at random (also out-of-range,
 * Python-clamped) positions of another.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class ListTransferStressTest {

    private static final int ITEMS = 64;
    private static final int AUDIT_EVERY = 32;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void popAppendBetweenTwoListsKeepsEveryItemExactlyOnce(int threads) throws InterruptedException {
        int size = Stress.size();
        List<TList<Integer>> lists = lists(2);
        TList<Integer> a = lists.get(0);
        TList<Integer> b = lists.get(1);
        LongAdder moved = new LongAdder();
        LongAdder empty = new LongAdder();
        Stress.Attempts attempts = new Stress.Attempts();

        Stress.run("list-transfer", threads, Stress.budget(size, 50_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0x7a5L * (index + 1));
            int[] tries = new int[1];
            for (int k = Stress.share(size, threads, index); k > 0; k--) {
                if (k % AUDIT_EVERY == 0) {
                    atomic(() -> audit(lists));
                    continue;
                }
                boolean forward = rnd.nextBoolean();
                TList<Integer> from = forward ? a : b;
                TList<Integer> to = forward ? b : a;
                tries[0] = 0;
                try {
                    atomic(() -> {
                        tries[0]++;
                        to.append(from.pop());
                    });
                    moved.increment();
                } catch (IndexError e) {
                    empty.increment(); // from was empty: nothing may have changed
                }
                attempts.record("transfer", tries[0]);
            }
        });

        audit(lists);
        assertEquals(ITEMS, a.len() + b.len(), "lengths");
        assertTrue(moved.sum() > 0, "no transfer happened");
        System.out.printf("list-transfer, %d threads: %d moved, %d from an empty list, attempts %s%n",
                threads, moved.sum(), empty.sum(), attempts);
    }

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void popAndInsertAtRandomIndicesOfFourListsKeepsEveryItemExactlyOnce(int threads)
            throws InterruptedException {
        int size = Stress.size();
        List<TList<Integer>> lists = lists(4);
        Stress.Attempts attempts = new Stress.Attempts();

        Stress.run("list-shuffle", threads, Stress.budget(size, 50_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0x715L * (index + 1));
            int[] tries = new int[1];
            for (int k = Stress.share(size, threads, index); k > 0; k--) {
                if (k % AUDIT_EVERY == 0) {
                    atomic(() -> audit(lists));
                    continue;
                }
                TList<Integer> from = lists.get(rnd.nextInt(lists.size()));
                TList<Integer> to = lists.get(rnd.nextInt(lists.size())); // may be from itself
                int r1 = rnd.nextInt(1 << 20);
                int r2 = rnd.nextInt(1 << 20);
                boolean negative = rnd.nextBoolean();
                tries[0] = 0;
                atomic(() -> {
                    tries[0]++;
                    int n = from.len();
                    if (n == 0) {
                        return;
                    }
                    Integer item = from.pop(negative ? -1 - r1 % n : r1 % n);
                    // insert clamps like Python: beyond the end appends, below -len prepends.
                    int m = to.len();
                    to.insert(r2 % (2 * m + 3) - m - 1, item);
                });
                attempts.record("move", tries[0]);
            }
        });

        audit(lists);
        System.out.printf("list-shuffle, %d threads: attempts %s%n", threads, attempts);
    }

    /** The transfer with 16 threads (8 per direction) and an audit in every 4th transaction. */
    @Test
    @Tag("slow")
    void popAppendWithSixteenThreadsAndFrequentAudits() throws InterruptedException {
        int size = Stress.size();
        int threads = 16;
        List<TList<Integer>> lists = lists(2);
        AtomicInteger moved = new AtomicInteger();
        Stress.run("list-transfer-slow", threads, Stress.budget(size, 50_000), index -> {
            TList<Integer> from = lists.get(index % 2);
            TList<Integer> to = lists.get(1 - index % 2);
            for (int k = Stress.share(size, threads, index); k > 0; k--) {
                if (k % 4 == 0) {
                    atomic(() -> audit(lists));
                    continue;
                }
                try {
                    atomic(() -> to.append(from.pop()));
                    moved.incrementAndGet();
                } catch (IndexError e) {
                    // empty
                }
            }
        });
        audit(lists);
        assertTrue(moved.get() > 0, "no transfer happened");
    }

    /** {@code count} lists with items {@code 0..ITEMS-1} dealt round-robin. */
    private static List<TList<Integer>> lists(int count) {
        List<TList<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int first = i;
            lists.add(TList.from(IntStream.range(0, ITEMS).filter(x -> x % count == first).boxed().toList()));
        }
        return lists;
    }

    /** Inside or outside a transaction: every item in exactly one list, lengths adding up. */
    private static void audit(List<TList<Integer>> lists) {
        List<Integer> all = new ArrayList<>(ITEMS);
        int lengths = 0;
        for (TList<Integer> l : lists) {
            lengths += l.len();
            for (Integer item : l) {
                all.add(item);
            }
        }
        Stress.assertEachItemOnce("audit", all, ITEMS);
        if (lengths != ITEMS) {
            throw new AssertionError("audit: lengths add up to " + lengths + ", expected " + ITEMS);
        }
    }
}
