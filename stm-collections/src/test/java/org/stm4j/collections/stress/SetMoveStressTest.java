package org.stm4j.collections.stress;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stm4j.collections.KeyError;
import org.stm4j.collections.TSet;
import org.stm4j.testkit.Stress;

/**
 * Items moved between two {@link TSet}s by several threads. Invariant: every item (a distinct
 * integer) is in exactly one of the sets — at every commit, in every snapshot an atomic block
 * sees (checked inside the blocks) and at the end. Four kinds of move, mixed in every thread:
 * <ul>
 *   <li><b>toggle</b> a chosen item: {@code if (a.remove(x)) b.add(x); else if (b.remove(x))
 *       a.add(x)}; an item in neither set is reported from inside the block;</li>
 *   <li><b>pop</b> an arbitrary item of one set into the other ({@code b.add(a.pop())}); a pop from
 *       an empty set throws {@link KeyError} out of the block and changes nothing;</li>
 *   <li><b>first</b>: the first item an iteration of one set meets, moved by value
 *       ({@code removeItem} then {@code add});</li>
 *   <li><b>batch</b>: up to three items moved with the set operations
 *       ({@code intersection}, {@code differenceUpdate}, {@code update}).</li>
 * </ul>
 * Every {@value #AUDIT_EVERY}th transaction of each thread iterates both sets inside one
 * transaction and checks the invariant and that {@code len()} agrees with the iteration.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
final class SetMoveStressTest {

    private static final int ITEMS = 64;
    private static final int AUDIT_EVERY = 32;

    @ParameterizedTest(name = "{0} threads")
    @ValueSource(ints = {2, 4, 8})
    void itemsMovedBetweenTwoSetsStayInExactlyOne(int threads) throws InterruptedException {
        int size = Stress.size();
        TSet<Integer> a = TSet.from(IntStream.range(0, ITEMS).filter(i -> i % 2 == 0).boxed().toList());
        TSet<Integer> b = TSet.from(IntStream.range(0, ITEMS).filter(i -> i % 2 == 1).boxed().toList());
        LongAdder toggles = new LongAdder();
        LongAdder pops = new LongAdder();
        LongAdder empty = new LongAdder();
        LongAdder firsts = new LongAdder();
        LongAdder batches = new LongAdder();

        Stress.run("set-move", threads, Stress.budget(size, 50_000), index -> {
            SplittableRandom rnd = new SplittableRandom(0x5e7L * (index + 1));
            for (int k = Stress.share(size, threads, index); k > 0; k--) {
                if (k % AUDIT_EVERY == 0) {
                    atomic(() -> audit(a, b));
                    continue;
                }
                int kind = rnd.nextInt(4);
                if (kind >= 2) {
                    TSet<Integer> from = rnd.nextBoolean() ? a : b;
                    TSet<Integer> to = from == a ? b : a;
                    int x = rnd.nextInt(ITEMS);
                    if (kind == 2) {
                        atomic(() -> {
                            for (Integer first : from) { // move the first one, by value
                                from.removeItem(first);
                                to.add(first);
                                return;
                            }
                        });
                        firsts.increment();
                    } else {
                        atomic(() -> { // move a batch with the set operations
                            TSet<Integer> some = from.intersection(List.of(x, (x + 2) % ITEMS, (x + 4) % ITEMS));
                            from.differenceUpdate(some);
                            to.update(some);
                        });
                        batches.increment();
                    }
                } else if (kind == 0) {
                    int x = rnd.nextInt(ITEMS);
                    atomic(() -> {
                        if (a.remove(x)) {
                            b.add(x);
                        } else if (b.remove(x)) {
                            a.add(x);
                        } else {
                            throw new AssertionError("item " + x + " in neither set");
                        }
                    });
                    toggles.increment();
                } else {
                    TSet<Integer> from = rnd.nextBoolean() ? a : b;
                    TSet<Integer> to = from == a ? b : a;
                    try {
                        atomic(() -> {
                            Integer x = from.pop();
                            if (!to.add(x)) {
                                throw new AssertionError("item " + x + " popped from one set was in the other");
                            }
                        });
                        pops.increment();
                    } catch (KeyError e) {
                        empty.increment();
                    }
                }
            }
        });

        audit(a, b);
        assertTrue(toggles.sum() > 0 && pops.sum() > 0 && firsts.sum() > 0 && batches.sum() > 0, "moves: " + toggles
                + " toggles, " + pops + " pops, " + firsts + " firsts, " + batches + " batches");
        System.out.printf("set-move, %d threads: %d toggles, %d pops (%d from an empty set), %d firsts, %d batches%n",
                threads, toggles.sum(), pops.sum(), empty.sum(), firsts.sum(), batches.sum());
    }

    /** Every item in exactly one set; each set's {@code len()} equal to what its iteration yields. */
    private static void audit(TSet<Integer> a, TSet<Integer> b) {
        List<Integer> all = new ArrayList<>(ITEMS);
        for (TSet<Integer> s : List.of(a, b)) {
            int before = all.size();
            for (Integer x : s) {
                all.add(x);
            }
            int len = s.len();
            if (len != all.size() - before) {
                throw new AssertionError("len() is " + len + " but iteration saw " + (all.size() - before) + " items");
            }
        }
        Stress.assertEachItemOnce("audit", all, ITEMS);
    }
}
