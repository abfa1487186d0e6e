package org.stm4j.cm.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.stm4j.Stm;
import org.stm4j.TxnConfig;
import org.stm4j.collections.TList;

/**
 * {@code list-transfer}: the SPEC's first example, {@code atomic(() -> b.append(a.pop()))}, in both
 * directions at once. Two {@link TList}s share {@code listItems} distinct items; each operation moves
 * {@code txnLength} items from one list (chosen at random) to the other, skipping a move when the
 * source is empty. Every transfer touches the tail of both lists, so transfers in the same direction
 * always conflict and transfers in opposite directions almost always do: a high-conflict workload.
 *
 * <p>Invariant: every item is in exactly one list, once.
 */
final class ListTransferWorkload implements Workload {
    static final String NAME = "list-transfer";

    private final TList<Integer> left;
    private final TList<Integer> right = new TList<>("right");
    private final int items;
    private final int txnLength;

    ListTransferWorkload(WorkloadParams params) {
        this.items = params.listItems();
        this.txnLength = params.txnLength();
        List<Integer> initial = new ArrayList<>(items);
        for (int i = 0; i < items; i++) {
            initial.add(i);
        }
        this.left = TList.from("left", initial);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Worker newWorker(int threadIndex, SplittableRandom random, Probe probe, TxnConfig config) {
        return new Mover(random, probe, config);
    }

    private final class Mover implements Worker {
        private final SplittableRandom random;
        private final Probe probe;
        private final TxnConfig config;
        private final Runnable body = this::move;
        private TList<Integer> from;
        private TList<Integer> to;

        Mover(SplittableRandom random, Probe probe, TxnConfig config) {
            this.random = random;
            this.probe = probe;
            this.config = config;
        }

        @Override
        public void step() {
            boolean leftToRight = random.nextBoolean();
            from = leftToRight ? left : right;
            to = leftToRight ? right : left;
            config.atomic(body);
        }

        private void move() {
            probe.attempt();
            for (int i = 0; i < txnLength; i++) {
                if (from.len() > 0) {
                    to.append(from.pop());
                }
            }
            probe.endOfBody();
        }
    }

    @Override
    public void verify() {
        List<List<Integer>> both = Stm.atomic(
                () -> List.of(new ArrayList<>(left), new ArrayList<>(right)));
        boolean[] seen = new boolean[items];
        int count = 0;
        for (List<Integer> list : both) {
            for (Integer item : list) {
                if (item == null || item < 0 || item >= items) {
                    throw new InvariantViolation(NAME + ": unknown item " + item);
                }
                if (seen[item]) {
                    throw new InvariantViolation(NAME + ": item " + item + " is present twice");
                }
                seen[item] = true;
                count++;
            }
        }
        if (count != items) {
            throw new InvariantViolation(NAME + ": " + (items - count) + " of " + items + " items lost");
        }
    }

    @Override
    public void corruptForTest() {
        Stm.atomic(() -> {
            TList<Integer> source = left.len() > 0 ? left : right;
            source.pop();
        });
    }
}
