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

    /** One thread's dict operations: a {@link MapClient} whose blocks run in {@code Stm.atomic}. */
    private static final class DictClient extends MapClient {
        DictClient(TDict<Integer, Long> d, Tally tally) {
            super(d, tally);
        }

        @Override
        void atomically(Runnable block) {
            Stm.atomic(block);
        }

        @Override
        long sumAtomically() {
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
