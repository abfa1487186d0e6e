package org.stm4j.jmh.peers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stm4j.jmh.collections.RankedLock;

/**
 * The three non-transactional competitors: a {@code Long} field, {@code ArrayList}s and
 * {@code HashMap}s, guarded according to {@link Mode}. Every structure gets its lock(s) from
 * {@link #newLock()} at creation: none, the factory's single global lock, or a lock of its own;
 * an operation on two structures takes both locks lowest {@link RankedLock#rank} first, so
 * {@code a.update(b)} against {@code b.update(a)} cannot deadlock. When both are the same (global)
 * lock it is taken once.
 */
final class LockImplementation implements Implementation {

    /** How the structures are guarded. */
    enum Mode {
        /** Not at all: one thread only. */
        NONE,
        /** One lock shared by every structure of this factory. */
        GLOBAL,
        /** One lock per structure. */
        PER_OBJECT
    }

    private final Mode mode;
    private final RankedLock global = new RankedLock();

    LockImplementation(Mode mode) {
        this.mode = mode;
    }

    private RankedLock newLock() {
        switch (mode) {
            case NONE:
                return null;
            case GLOBAL:
                return global;
            default:
                return new RankedLock();
        }
    }

    /** Runs {@code body} holding {@code lock} (none if null). */
    static void run(Runnable body, RankedLock lock) {
        if (lock == null) {
            body.run();
            return;
        }
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    /** Returns {@code body}'s result, computed holding {@code lock} (none if null). */
    static <T> T call(Supplier<T> body, RankedLock lock) {
        if (lock == null) {
            return body.get();
        }
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code body} holding both locks, taken lowest rank first (once if they are the same). */
    static void run(Runnable body, RankedLock x, RankedLock y) {
        if (x == y) {
            run(body, x);
            return;
        }
        RankedLock low = x.rank < y.rank ? x : y;
        RankedLock high = low == x ? y : x;
        low.lock();
        try {
            high.lock();
            try {
                body.run();
            } finally {
                high.unlock();
            }
        } finally {
            low.unlock();
        }
    }

    @Override
    public SharedVar newVar(Long initial) {
        RankedLock lock = newLock();
        Long[] cell = {initial};
        return new SharedVar() {
            @Override
            public Client client(Tally tally) {
                Supplier<Long> read = () -> {
                    tally.attempts++;
                    return cell[0];
                };
                Runnable increment = () -> {
                    tally.attempts++;
                    cell[0] = Values.next(cell[0]);
                };
                return new Client() {
                    @Override
                    public Long read() {
                        return call(read, lock);
                    }

                    @Override
                    public void increment() {
                        run(increment, lock);
                    }
                };
            }

            @Override
            public Long value() {
                return call(() -> cell[0], lock);
            }
        };
    }

    @Override
    public ListPair newLists(Integer[] first, Integer[] second) {
        List<Integer> a = new ArrayList<>(Arrays.asList(first));
        List<Integer> b = new ArrayList<>(Arrays.asList(second));
        RankedLock lockA = newLock();
        RankedLock lockB = newLock();
        return new ListPair() {
            @Override
            public Client client(Tally tally) {
                Runnable aToB = () -> {
                    tally.attempts++;
                    b.add(a.remove(a.size() - 1));
                };
                Runnable bToA = () -> {
                    tally.attempts++;
                    a.add(b.remove(b.size() - 1));
                };
                if (lockA == null) {
                    return forth -> (forth ? aToB : bToA).run();
                }
                return forth -> run(forth ? aToB : bToA, lockA, lockB);
            }

            @Override
            public List<Integer> items() {
                List<Integer> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            }
        };
    }

    @Override
    public Dict newDict(Integer[] keys, Long[] values) {
        Map<Integer, Long> d = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            d.put(keys[i], values[i]);
        }
        RankedLock lock = newLock();
        return new Dict() {
            @Override
            public Client client(Tally tally) {
                return new DictClient(d, lock, tally);
            }

            @Override
            public Map<Integer, Long> contents() {
                return new LinkedHashMap<>(d);
            }
        };
    }

    /**
     * One thread's dict operations: a {@link MapClient} whose blocks, and also {@code get} and
     * {@code put}, run holding the lock.
     */
    private static final class DictClient extends MapClient {
        private final RankedLock lock;
        private final Supplier<Long> get;
        private final Runnable put;

        DictClient(Map<Integer, Long> d, RankedLock lock, Tally tally) {
            super(d, tally);
            this.lock = lock;
            get = () -> {
                tally.attempts++;
                return d.get(key);
            };
            put = () -> {
                tally.attempts++;
                d.put(key, value);
            };
        }

        @Override
        public Long get(Integer k) {
            key = k;
            return call(get, lock);
        }

        @Override
        public void put(Integer k, Long v) {
            key = k;
            value = v;
            run(put, lock);
        }

        @Override
        void atomically(Runnable block) {
            run(block, lock);
        }

        @Override
        long sumAtomically() {
            return call(sum, lock);
        }
    }

    @Override
    public DictPair newDicts(Integer[] keys, Long[] firstValues, Long[] secondValues) {
        Map<Integer, Long> a = new HashMap<>();
        Map<Integer, Long> b = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            a.put(keys[i], firstValues[i]);
            b.put(keys[i], secondValues[i]);
        }
        RankedLock lockA = newLock();
        RankedLock lockB = newLock();
        return new DictPair() {
            @Override
            public Client client(Tally tally) {
                Runnable aFromB = () -> {
                    tally.attempts++;
                    a.putAll(b);
                };
                Runnable bFromA = () -> {
                    tally.attempts++;
                    b.putAll(a);
                };
                if (lockA == null) {
                    return forth -> (forth ? aFromB : bFromA).run();
                }
                return forth -> run(forth ? aFromB : bFromA, lockA, lockB);
            }

            @Override
            public Map<Integer, Long> contents(int which) {
                return new LinkedHashMap<>(which == 0 ? a : b);
            }
        };
    }
}
