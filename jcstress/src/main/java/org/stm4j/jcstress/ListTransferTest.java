package org.stm4j.jcstress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.stm4j.Stm;
import org.stm4j.collections.IndexError;
import org.stm4j.collections.TList;

/**
 * The SPEC's first example: {@code x = a.pop(); b.append(x)} in one thread while another does
 * {@code y = b.pop(); a.append(y)}. Under Python's GIL each call is atomic but the pair is not, so
 * items can be swapped, lost or duplicated; in {@code atomic} the pair is one transaction.
 *
 * <p>Start: {@code a = [1]}, {@code b = [2]}. Both serial orders end in {@code a = [1], b = [2]}
 * (whoever goes second moves the item the first just moved back). An interleaving where both pop
 * before either appends ends swapped, {@code a = [2], b = [1]}. The second actor then takes a
 * consistent look at both lists while the first may still be moving: the items it sees must
 * always be exactly {1, 2}. (Two actors, not three: jcstress runs no more actors than cores.)
 *
 * <p>Lists are coded as the decimal digits of their items in order ({@code [] = 0},
 * {@code [2, 1] = 21}); the observer's code is its items sorted. r1 = a, r2 = b at the end,
 * r3 = what the observer saw; -1 for a list left unreadable (size and slots disagreeing).
 */
@Outcome(id = "1, 2, 12", expect = ACCEPTABLE, desc = "Both transfers happened whole, one after the other.")
@Outcome(id = "2, 1, 12", expect = FORBIDDEN, desc = "Swapped: both popped before either appended.")
@Outcome(expect = FORBIDDEN, desc = "An item lost or duplicated, at the end or in the observer's snapshot.")
public class ListTransferTest {

    private ListTransferTest() {
    }

    /** The code of a list that cannot even be read back (only a broken engine leaves one). */
    static final int CORRUPT = -1;

    /** The two lists and the three moves. */
    static final class Lists {
        private final TList<Integer> a = new TList<>();
        private final TList<Integer> b = new TList<>();

        Lists() {
            a.append(1);
            b.append(2);
        }

        void aToB() {
            move(a, b);
        }

        void bToA() {
            move(b, a);
        }

        private static void move(TList<Integer> from, TList<Integer> to) {
            try {
                Stm.atomic(() -> to.append(from.pop()));
            } catch (IndexError emptyAlready) {
                // only a broken engine gets here; the arbiter's codes show the damage
            } catch (RuntimeException corrupted) {
                // likewise: a broken engine can leave the list's size and slots disagreeing
            }
        }

        int observe() {
            try {
                return observeOrThrow();
            } catch (RuntimeException corrupted) {
                return CORRUPT;
            }
        }

        private int observeOrThrow() {
            return Stm.atomic(() -> {
                int[] seen = new int[10];
                int n = 0;
                for (TList<Integer> list : java.util.List.of(a, b)) {
                    for (int x : list) {
                        if (n < seen.length) {
                            seen[n++] = x;
                        }
                    }
                }
                java.util.Arrays.sort(seen, 0, n);
                return code(seen, n);
            });
        }

        void report(III_Result r, int observed) {
            r.r1 = code(a);
            r.r2 = code(b);
            r.r3 = observed;
        }

        private static int code(TList<Integer> list) {
            try {
                return Stm.atomic(() -> codeOrThrow(list));
            } catch (RuntimeException corrupted) {
                return CORRUPT;
            }
        }

        private static int codeOrThrow(TList<Integer> list) {
            int[] items = new int[list.len()];
            for (int i = 0; i < items.length; i++) {
                items[i] = list.getItem(i);
            }
            return code(items, items.length);
        }

        private static int code(int[] items, int n) {
            int c = 0;
            for (int i = 0; i < n; i++) {
                c = c * 10 + items[i];
            }
            return c;
        }
    }

    /** The real engine. */
    @JCStressTest
    @JCStressMeta(ListTransferTest.class)
    @State
    public static class PopAppend {
        private final Lists lists = new Lists();
        private volatile int observed;

        @Actor
        public void aToB() {
            lists.aToB();
        }

        @Actor
        public void bToAThenObserve() {
            lists.bToA();
            observed = lists.observe();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            lists.report(r, observed);
        }
    }

    /** Against an engine that never validates ({@code skip-validation}): swaps and losses appear. */
    @JCStressTest
    @JCStressMeta(ListTransferTest.class)
    @State
    public static class Broken {
        static {
            FaultSwitch.arm("skip-validation");
        }

        private final Lists lists;
        private volatile int observed;

        public Broken() {
            FaultSwitch.require("skip-validation");
            lists = new Lists();
        }

        @Actor
        public void aToB() {
            lists.aToB();
        }

        @Actor
        public void bToAThenObserve() {
            lists.bToA();
            observed = lists.observe();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            lists.report(r, observed);
        }
    }
}
