package org.stm4j.jmh.collections;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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

/**
 * Single operations outside a transaction against the same {@code java.util} collection behind one
 * {@code ReentrantLock}, one thread (issue 14 §2: "within 1.15×"). Each pair of methods does the
 * same thing, written as a user would: {@code X_stm} calls the {@code TDict}/{@code TList} method
 * directly (outside {@code atomic}, so it is its own transaction), {@code X_lock} takes the lock,
 * calls the {@code HashMap}/{@code ArrayList} method and unlocks. Keys are autoboxed from a random
 * {@code int} and stored values boxed fresh ({@code d.put(k, (long) n)}), as user code does — the
 * same allocation on both sides. The ratio of adjacent rows (ns/op) is the number.
 * <ul>
 *   <li>{@code dictGet}: {@code d.get(k)}, k present (4096 keys);</li>
 *   <li>{@code dictPut}: {@code d.put(k, v)} overwriting a present key with a fresh {@code Long};</li>
 *   <li>{@code listGetItem}: {@code l.getItem(i)} / {@code l.get(i)}, random index of 4096;</li>
 *   <li>{@code listAppendPop}: {@code l.append(x)} then {@code l.pop()} — the two are measured as a
 *       pair so the list stays at 4096 items (an append alone would grow it by tens of millions of
 *       items per iteration); each side takes its lock, or runs its transaction, twice.</li>
 * </ul>
 * <pre>
 * java -jar jmh/target/benchmarks.jar SingleOpBenchmark -f 2 -wi 3 -i 5 -r 1 -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SingleOpBenchmark {
    static final int SIZE = Boxes.SIZE;

    final org.stm4j.collections.TDict<Integer, Long> tdict = new org.stm4j.collections.TDict<>();
    final org.stm4j.collections.TList<Integer> tlist = new org.stm4j.collections.TList<>();
    final HashMap<Integer, Long> map = new HashMap<>();
    final ArrayList<Integer> list = new ArrayList<>();
    final ReentrantLock lock = new ReentrantLock();
    final XorShift random = new XorShift(7);
    long n;

    @Setup(Level.Trial)
    public void setUp() {
        for (int i = 0; i < SIZE; i++) {
            tdict.put(i, (long) i);
            map.put(i, (long) i);
            tlist.append(i);
            list.add(i);
        }
    }

    // ---- TDict.get vs HashMap.get under a lock ----

    @Benchmark
    public Long dictGet_stm() {
        int k = random.nextInt(SIZE);
        return tdict.get(k);
    }

    @Benchmark
    public Long dictGet_lock() {
        int k = random.nextInt(SIZE);
        lock.lock();
        try {
            return map.get(k);
        } finally {
            lock.unlock();
        }
    }

    // ---- TDict.put (overwrite) vs HashMap.put under a lock ----

    @Benchmark
    public Long dictPut_stm() {
        int k = random.nextInt(SIZE);
        return tdict.put(k, n++);
    }

    @Benchmark
    public Long dictPut_lock() {
        int k = random.nextInt(SIZE);
        long v = n++;
        lock.lock();
        try {
            return map.put(k, v);
        } finally {
            lock.unlock();
        }
    }

    // ---- TList.getItem vs ArrayList.get under a lock ----

    @Benchmark
    public Integer listGetItem_stm() {
        int i = random.nextInt(SIZE);
        return tlist.getItem(i);
    }

    @Benchmark
    public Integer listGetItem_lock() {
        int i = random.nextInt(SIZE);
        lock.lock();
        try {
            return list.get(i);
        } finally {
            lock.unlock();
        }
    }

    // ---- TList.append then pop vs ArrayList.add then remove(last), each under the lock ----

    @Benchmark
    public Integer listAppendPop_stm() {
        int x = random.nextInt(SIZE);
        tlist.append(x);
        return tlist.pop();
    }

    @Benchmark
    public Integer listAppendPop_lock() {
        int x = random.nextInt(SIZE);
        lock.lock();
        try {
            list.add(x);
        } finally {
            lock.unlock();
        }
        lock.lock();
        try {
            return list.remove(list.size() - 1);
        } finally {
            lock.unlock();
        }
    }

    /** The collections kept their size (an append/pop pair that lost or kept an item would show here). */
    @TearDown(Level.Trial)
    public void check() {
        if (tlist.len() != SIZE || list.size() != SIZE || tdict.len() != SIZE || map.size() != SIZE) {
            throw new IllegalStateException("sizes drifted: TList " + tlist.len() + ", ArrayList " + list.size()
                    + ", TDict " + tdict.len() + ", HashMap " + map.size());
        }
    }
}
