package org.stm4j.collections.granularity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stm4j.collections.TDict;

/**
 * Conflicts with the reclamation of per-key state. A {@link TDict} keeps a predicate (a TVar) per
 * key in a non-transactional index and reclaims the predicates of absent keys (a sweep after
 * commits that created many predicates retires them and unlinks them from the index); a later
 * lookup of the key creates a fresh predicate. A transaction whose snapshot predates the deletion
 * and the reclamation must still see the key as it was in its snapshot, or abort — a fresh
 * predicate must not let it read "absent" as if the key had never existed.
 *
 * <p>Each test uses an {@link Interleaving}: A reads, B deletes key {@code K} (and in the same
 * transaction looks up enough missing keys to trigger a sweep after its commit, which retires
 * {@code K}'s predicate), then A reads {@code K} again.
 */
final class DictReclamationTest {

    private static final int K = 7;
    /** More missing-key lookups than the sweep threshold (twice the live keys plus a slack of 256). */
    private static final int LOOKUPS = 2_000;

    private TDict<Integer, Integer> d;

    @BeforeEach
    void fill() {
        d = new TDict<>();
        for (int k = 0; k < 64; k++) {
            d.put(k, 1);
        }
    }

    /** B: moves {@code K}'s value into key 0 and deletes {@code K}, then triggers a sweep. */
    private void moveKIntoZeroAndReclaim() {
        d.put(0, d.getItem(0) + d.pop(K));
        for (int i = 1; i <= LOOKUPS; i++) {
            d.get(-i); // creates a predicate for a missing key: enough of them make the commit sweep
        }
    }

    @Test
    void aTransactionThatSawAKeyDoesNotLaterSeeItAbsent() {
        List<List<Boolean>> runs = new ArrayList<>();
        Interleaving.Outcome o = Interleaving.run(() -> {
            runs.add(new ArrayList<>());
            runs.get(runs.size() - 1).add(d.containsKey(K));
        }, this::moveKIntoZeroAndReclaim, () -> runs.get(runs.size() - 1).add(d.containsKey(K)));
        for (List<Boolean> run : runs) {
            if (run.size() == 2) {
                assertEquals(run.get(0), run.get(1), "one attempt saw K present, then absent (opacity): " + runs
                        + "; " + o);
            }
        }
        assertFalse(d.containsKey(K));
    }

    @Test
    void aReadOnlyTransactionSeesOneSnapshotAcrossAReclamation() {
        // A sums key 0 and K: in any snapshot they total 2 (1 + 1 before, 2 + absent after).
        List<String> seen = new ArrayList<>();
        int[] sum = new int[1];
        Interleaving.Outcome o = Interleaving.runReadOnly(() -> sum[0] = d.getItem(0),
                this::moveKIntoZeroAndReclaim, () -> {
                    Integer k = d.get(K);
                    seen.add("d[0]=" + sum[0] + ", d[K]=" + k);
                    sum[0] += k == null ? 0 : k;
                });
        assertEquals(2, sum[0], "the committed read-only transaction saw " + seen.get(seen.size() - 1)
                + " (all attempts: " + seen + "); " + o);
    }
}
