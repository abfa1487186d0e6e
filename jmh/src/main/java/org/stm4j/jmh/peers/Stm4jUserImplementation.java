package org.stm4j.jmh.peers;

import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.stm4j.TVar;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;

/**
 * stm4j written the way the README and the guide show users writing it (issue 14, part 2): every
 * operation is {@code atomic(() -> ...)} with a lambda created at the call, capturing its arguments;
 * values are computed and boxed fresh ({@code var.set((var.get() + 1) % 4096)},
 * {@code d.put(k, d.get(k) + 1)}); single dict operations and {@code update} are wrapped in
 * {@code atomic} too, as in the guide's {@code atomic(() -> d1.update(d2))}. Nothing is prebuilt,
 * nothing preboxed: what a user pays per call (a lambda, a box, G1's barrier on storing a young
 * object into an old {@code TVar}) is in the score.
 *
 * <p>Against {@link Stm4jImplementation} ({@code impl=STM4J}), which creates each client's blocks
 * once, passes arguments through fields and stores preallocated boxes ({@link Values}), the difference
 * is the cost of the user's idiom. The bodies still count attempts in the {@link Tally} like every
 * implementation's (a field increment; the commits and aborts reported are the engine's, see
 * {@link Outcomes}).
 *
 * <p>The variable wraps at 4096 ({@code % 4096}) so that {@link SharedVarBenchmark}'s check holds;
 * a put of the read-mostly workload stores a new box of the value it is given (as a user storing a
 * computed {@code long}).
 */
final class Stm4jUserImplementation implements Implementation {

    @Override
    public SharedVar newVar(Long initial) {
        TVar<Long> var = new TVar<>(initial);
        return new SharedVar() {
            @Override
            public Client client(Tally tally) {
                return new Client() {
                    @Override
                    public Long read() {
                        return atomic(() -> {
                            tally.attempts++;
                            return var.get();
                        });
                    }

                    @Override
                    public void increment() {
                        atomic(() -> {
                            tally.attempts++;
                            var.set((var.get() + 1) % 4096);
                        });
                    }
                };
            }

            @Override
            public Long value() {
                return var.get();
            }
        };
    }

    @Override
    public ListPair newLists(Integer[] first, Integer[] second) {
        TList<Integer> a = TList.of(first);
        TList<Integer> b = TList.of(second);
        return new ListPair() {
            @Override
            public Client client(Tally tally) {
                return forth -> {
                    TList<Integer> from = forth ? a : b;
                    TList<Integer> to = forth ? b : a;
                    atomic(() -> {
                        tally.attempts++;
                        to.append(from.pop());
                    });
                };
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
        TDict<Integer, Long> d = new TDict<>();
        for (int i = 0; i < keys.length; i++) {
            d.put(keys[i], values[i]);
        }
        return new Dict() {
            @Override
            public Client client(Tally tally) {
                return new UserDictClient(d, tally);
            }

            @Override
            public Map<Integer, Long> contents() {
                return atomic(() -> new LinkedHashMap<>(d));
            }
        };
    }

    /** One thread's dict operations, each a fresh capturing lambda in {@code atomic}. */
    private static final class UserDictClient implements Dict.Client {
        private final TDict<Integer, Long> d;
        private final Tally tally;

        UserDictClient(TDict<Integer, Long> d, Tally tally) {
            this.d = d;
            this.tally = tally;
        }

        @Override
        public Long get(Integer key) {
            return atomic(() -> {
                tally.attempts++;
                return d.get(key);
            });
        }

        @Override
        public void put(Integer key, Long value) {
            long v = value;
            atomic(() -> {
                tally.attempts++;
                d.put(key, v);
            });
        }

        @Override
        public void increment(Integer key) {
            atomic(() -> {
                tally.attempts++;
                d.put(key, d.get(key) + 1);
            });
        }

        @Override
        public void transfer(Integer from, Integer to, long amount) {
            atomic(() -> {
                tally.attempts++;
                d.put(from, d.get(from) - amount);
                d.put(to, d.get(to) + amount);
            });
        }

        @Override
        public long sum() {
            return atomic(() -> {
                tally.attempts++;
                long total = 0;
                for (Long v : d.values()) {
                    total += v;
                }
                return total;
            });
        }
    }

    @Override
    public DictPair newDicts(Integer[] keys, Long[] firstValues, Long[] secondValues) {
        TDict<Integer, Long> a = new TDict<>();
        TDict<Integer, Long> b = new TDict<>();
        for (int i = 0; i < keys.length; i++) {
            a.put(keys[i], firstValues[i]);
            b.put(keys[i], secondValues[i]);
        }
        return new DictPair() {
            @Override
            public Client client(Tally tally) {
                return forth -> {
                    TDict<Integer, Long> target = forth ? a : b;
                    TDict<Integer, Long> source = forth ? b : a;
                    atomic(() -> {
                        tally.attempts++;
                        target.update(source);
                    });
                };
            }

            @Override
            public Map<Integer, Long> contents(int which) {
                return new LinkedHashMap<>(which == 0 ? a : b);
            }
        };
    }
}
