package org.stm4j.cm.experiment;

import static org.stm4j.Stm.atomic;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.stm4j.Stm;
import org.stm4j.StmStats;
import org.stm4j.TVar;

/**
 * The classic transfer, {@code atomic(() -> list2.append(list1.pop()))}, on two stacks held in
 * TVars, from several threads in both directions at once. Prints throughput, commits, aborts and
 * the conserved totals: every item is still present exactly once.
 */
final class TransferDemo {

    /** An immutable stack: what a TVar should hold. */
    record Stack(int head, Stack tail, int size, long sum) {
        static final Stack EMPTY = new Stack(0, null, 0, 0);

        Stack push(int item) {
            return new Stack(item, this, size + 1, sum + item);
        }
    }

    private final TVar<Stack> left = new TVar<>(Stack.EMPTY, "left");
    private final TVar<Stack> right = new TVar<>(Stack.EMPTY, "right");
    private final int items;

    TransferDemo(int items) {
        this.items = items;
        Stack s = Stack.EMPTY;
        for (int i = 1; i <= items; i++) {
            s = s.push(i);
        }
        left.set(s);
    }

    /** Moves the top item of {@code from} to {@code to}, atomically; false if {@code from} is empty. */
    static boolean transfer(TVar<Stack> from, TVar<Stack> to) {
        return atomic(() -> {
            Stack f = from.get();
            if (f.size() == 0) {
                return false;
            }
            from.set(f.tail());
            to.set(to.get().push(f.head()));
            return true;
        });
    }

    /** Runs {@code perThread} transfers on each of {@code threads} threads; returns elapsed nanos. */
    long run(int threads, int perThread) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                awaitQuietly(start);
                for (int i = 0; i < perThread; i++) {
                    if (rnd.nextBoolean()) {
                        transfer(left, right);
                    } else {
                        transfer(right, left);
                    }
                }
            }, "transfer-" + t);
            workers.add(w);
            w.start();
        }
        long t0 = System.nanoTime();
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        return System.nanoTime() - t0;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks that every item 1..items is present exactly once across both stacks. */
    String verify() {
        Stack[] both = atomic(() -> new Stack[] {left.get(), right.get()});
        boolean[] seen = new boolean[items + 1];
        int count = 0;
        for (Stack s : both) {
            for (Stack n = s; n.size() > 0; n = n.tail()) {
                if (n.head() < 1 || n.head() > items || seen[n.head()]) {
                    throw new AssertionError("item " + n.head() + " duplicated or unknown");
                }
                seen[n.head()] = true;
                count++;
            }
        }
        if (count != items) {
            throw new AssertionError("lost items: " + (items - count));
        }
        long expectedSum = (long) items * (items + 1) / 2;
        long sum = both[0].sum() + both[1].sum();
        if (sum != expectedSum) {
            throw new AssertionError("sum " + sum + " != " + expectedSum);
        }
        return "items " + count + "/" + items + " (left " + both[0].size() + ", right " + both[1].size()
                + "), sum " + sum + " = expected " + expectedSum;
    }

    /** Runs the demo at 1, 2, 4 and 8 threads and prints one line per run to {@code out}. */
    static void main(int perThread, PrintStream out) throws InterruptedException {
        out.println("stm4j demo: atomic(() -> right.push(left.pop())) in both directions");
        out.printf("%-8s %12s %12s %12s %10s  %s%n", "threads", "transfers/s", "commits", "aborts",
                "abort%", "conserved");
        for (int threads : new int[] {1, 2, 4, 8}) {
            TransferDemo demo = new TransferDemo(1_000);
            StmStats before = Stm.stats();
            long nanos = demo.run(threads, perThread);
            StmStats d = Stm.stats().minus(before);
            String ok = demo.verify();
            long transfers = (long) threads * perThread;
            double aborts = d.conflictAborts();
            out.printf("%-8d %12.0f %12d %12d %9.2f%%  %s%n", threads, transfers * 1e9 / nanos,
                    d.commits(), d.conflictAborts(), 100.0 * aborts / (aborts + d.commits()), ok);
        }
    }
}
