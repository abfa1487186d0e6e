package org.stm4j.jmh.collections;

import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;

/**
 * The cost of composition (issue 14 §2: "a composed transaction costs at most 2.2× its operations
 * run separately"), one thread, written as users write it — a capturing lambda created per call:
 * <ul>
 *   <li>{@code listComposed}: {@code atomic(() -> to.append(from.pop()))}, against
 *       {@code listSeparate}: {@code E x = from.pop(); to.append(x);} (each operation outside a
 *       transaction, so each is its own transaction: two transactions);</li>
 *   <li>{@code dictComposed}: {@code atomic(() -> to.put(k, from.pop(k)))}, against
 *       {@code dictSeparate}: {@code V v = from.pop(k); to.put(k, v);}.</li>
 * </ul>
 * One call moves one item; the ratio composed ÷ separate of the ns/op scores is the number.
 * Sizes stay steady: the list transfer alternates direction call by call (the lists hold
 * {@value #LIST_ITEMS} ± 1 items each); the dict moves a random key of {@value #KEYS} to whichever
 * dict does not hold it (the harness remembers where each key is, a plain array), so the two dicts
 * share {@value #KEYS} keys. Items and values are boxes made once at setup (a transfer moves what it
 * popped; there is nothing for a user to box). Every trial ends with a check that no item was lost or
 * duplicated, and the benchmark fails if one was.
 * <pre>
 * java -jar jmh/target/benchmarks.jar CompositionBenchmark -f 2 -wi 3 -i 5 -r 1 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class CompositionBenchmark {
    /** Items per list at the start. */
    static final int LIST_ITEMS = 1024;
    /** Keys shared by the two dicts. */
    static final int KEYS = Boxes.SIZE;

    TList<Integer> a;
    TList<Integer> b;
    /** The next list call moves an item a → b if true, else b → a. */
    boolean forth;

    TDict<Integer, Long> d1;
    TDict<Integer, Long> d2;
    /** Where each key is: true if in {@link #d1}. */
    boolean[] inFirst;
    final XorShift random = new XorShift(42);

    @Setup(Level.Trial)
    public void setUp() {
        Integer[] first = new Integer[LIST_ITEMS];
        Integer[] second = new Integer[LIST_ITEMS];
        for (int i = 0; i < LIST_ITEMS; i++) {
            first[i] = Boxes.KEYS[i];
            second[i] = Boxes.KEYS[LIST_ITEMS + i];
        }
        a = TList.of(first);
        b = TList.of(second);
        forth = true;

        d1 = new TDict<>();
        d2 = new TDict<>();
        inFirst = new boolean[KEYS];
        for (int k = 0; k < KEYS; k++) {
            boolean one = (k & 1) == 0;
            (one ? d1 : d2).put(Boxes.KEYS[k], Boxes.VALUES[k]);
            inFirst[k] = one;
        }
    }

    /** {@code atomic(() -> to.append(from.pop()))}: one transaction. */
    @Benchmark
    public void listComposed() {
        boolean f = forth;
        forth = !f;
        TList<Integer> from = f ? a : b;
        TList<Integer> to = f ? b : a;
        atomic(() -> to.append(from.pop()));
    }

    /** {@code x = from.pop(); to.append(x)}: two transactions. */
    @Benchmark
    public void listSeparate() {
        boolean f = forth;
        forth = !f;
        TList<Integer> from = f ? a : b;
        TList<Integer> to = f ? b : a;
        Integer x = from.pop();
        to.append(x);
    }

    /** {@code atomic(() -> to.put(k, from.pop(k)))}: one transaction. */
    @Benchmark
    public void dictComposed() {
        int i = random.nextInt(KEYS);
        boolean one = inFirst[i];
        inFirst[i] = !one;
        TDict<Integer, Long> from = one ? d1 : d2;
        TDict<Integer, Long> to = one ? d2 : d1;
        Integer k = Boxes.KEYS[i];
        atomic(() -> to.put(k, from.pop(k)));
    }

    /** {@code v = from.pop(k); to.put(k, v)}: two transactions. */
    @Benchmark
    public void dictSeparate() {
        int i = random.nextInt(KEYS);
        boolean one = inFirst[i];
        inFirst[i] = !one;
        TDict<Integer, Long> from = one ? d1 : d2;
        TDict<Integer, Long> to = one ? d2 : d1;
        Integer k = Boxes.KEYS[i];
        Long v = from.pop(k);
        to.put(k, v);
    }

    /** Every item is still there exactly once, and the sizes stayed steady. */
    @TearDown(Level.Trial)
    public void check() {
        List<Integer> items = new ArrayList<>(a);
        items.addAll(b);
        Collections.sort(items);
        if (items.size() != 2 * LIST_ITEMS) {
            throw new IllegalStateException("lists hold " + items.size() + " items, expected " + 2 * LIST_ITEMS);
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) != i) {
                throw new IllegalStateException("list item " + i + " lost or duplicated: " + items.get(i));
            }
        }
        if (Math.abs(a.len() - LIST_ITEMS) > 1) {
            throw new IllegalStateException("list sizes drifted: " + a.len() + " and " + b.len());
        }
        if (d1.len() + d2.len() != KEYS) {
            throw new IllegalStateException("dicts hold " + (d1.len() + d2.len()) + " keys, expected " + KEYS);
        }
        for (int k = 0; k < KEYS; k++) {
            TDict<Integer, Long> holder = inFirst[k] ? d1 : d2;
            TDict<Integer, Long> other = inFirst[k] ? d2 : d1;
            Long v = holder.get(Boxes.KEYS[k]);
            if (v == null || v != k || other.containsKey(Boxes.KEYS[k])) {
                throw new IllegalStateException("dict key " + k + " lost, duplicated or changed: " + v);
            }
        }
    }
}
