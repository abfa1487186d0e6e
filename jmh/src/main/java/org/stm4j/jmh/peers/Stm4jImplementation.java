package org.stm4j.jmh.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.stm4j.Stm;
import org.stm4j.TVar;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;

/**
 * stm4j: a {@code TVar}, {@code TList}s and {@code TDict}s; compound operations in
 * {@code Stm.atomic}, single dict operations ({@code get}, {@code put}) and {@code update} called
 * as they are, each its own transaction (as a Python programmer writes them).
 */
final class Stm4jImplementation implements Implementation {

    @Override
    public SharedVar newVar(Long initial) {
        TVar<Long> var = new TVar<>(initial);
        return new SharedVar() {
            @Override
            public Client client(Tally tally) {
                Supplier<Long> read = () -> {
                    tally.attempts++;
                    return var.get();
                };
                Runnable increment = () -> {
                    tally.attempts++;
                    var.set(Values.next(var.get()));
                };
                return new Client() {
                    @Override
                    public Long read() {
                        return Stm.atomic(read);
                    }

                    @Override
                    public void increment() {
                        Stm.atomic(increment);
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
                Runnable aToB = () -> {
                    tally.attempts++;
                    b.append(a.pop());
                };
                Runnable bToA = () -> {
                    tally.attempts++;
                    a.append(b.pop());
                };
                return forth -> Stm.atomic(forth ? aToB : bToA);
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
                return new DictClient(d, tally);
            }

            @Override
            public Map<Integer, Long> contents() {
                return new LinkedHashMap<>(d);
            }
        };
    }

    /** One thread's dict operations; arguments go through fields so the blocks are created once. */
    private static final class DictClient extends DictArguments {
        private final TDict<Integer, Long> d;
        private final Tally tally;
        private final Runnable increment;
        private final Runnable transfer;
        private final Supplier<Long> sum;

        DictClient(TDict<Integer, Long> d, Tally tally) {
            this.d = d;
            this.tally = tally;
            increment = () -> {
                tally.attempts++;
                MapOps.increment(d, key);
            };
            transfer = () -> {
                tally.attempts++;
                MapOps.transfer(d, key, to, amount);
            };
            sum = () -> {
                tally.attempts++;
                return MapOps.sum(d);
            };
        }

        @Override
        public Long get(Integer k) {
            tally.attempts++;
            return d.get(k);
        }

        @Override
        public void put(Integer k, Long value) {
            tally.attempts++;
            d.put(k, value);
        }

        @Override
        public void increment(Integer k) {
            key = k;
            Stm.atomic(increment);
        }

        @Override
        public void transfer(Integer from, Integer t, long a) {
            key = from;
            to = t;
            amount = a;
            Stm.atomic(transfer);
        }

        @Override
        public long sum() {
            return Stm.atomic(sum);
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
                    tally.attempts++;
                    if (forth) {
                        a.update(b);
                    } else {
                        b.update(a);
                    }
                };
            }

            @Override
            public Map<Integer, Long> contents(int which) {
                return new LinkedHashMap<>(which == 0 ? a : b);
            }
        };
    }
}
