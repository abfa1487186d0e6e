package org.stm4j.jmh.peers;

import clojure.lang.IPersistentMap;
import clojure.lang.LockingTransaction;
import clojure.lang.PersistentHashMap;
import clojure.lang.PersistentVector;
import clojure.lang.Ref;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Clojure 1.12 refs, the idiomatic way: one {@code clojure.lang.Ref} per structure holding a
 * persistent value — a {@code Long}, a {@code PersistentVector} for a list, a
 * {@code PersistentHashMap} for a dict — and {@code LockingTransaction.runInTransaction} (what
 * {@code dosync} expands to) around every update; a lookup reads the ref outside a transaction
 * ({@code (get @d k)}), as Clojure code does. One ref per dict means any two updates of one dict
 * conflict: that is the cost of the idiom, and the reason for the "map of refs" alternative this
 * benchmark does not model.
 */
final class ClojureImplementation implements Implementation {

    /** {@code dosync}: runs {@code block} in a transaction, rethrowing a checked exception unchecked. */
    static <T> T dosync(Callable<T> block) {
        try {
            @SuppressWarnings("unchecked")
            T result = (T) LockingTransaction.runInTransaction(block);
            return result;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SharedVar newVar(Long initial) {
        Ref var = new Ref(initial);
        return new SharedVar() {
            @Override
            public Client client(Tally tally) {
                Callable<Long> read = () -> {
                    tally.attempts++;
                    return (Long) var.deref();
                };
                Callable<Object> increment = () -> {
                    tally.attempts++;
                    return var.set(Values.next((Long) var.deref()));
                };
                return new Client() {
                    @Override
                    public Long read() {
                        return dosync(read);
                    }

                    @Override
                    public void increment() {
                        dosync(increment);
                    }
                };
            }

            @Override
            public Long value() {
                return (Long) var.deref();
            }
        };
    }

    private static PersistentVector vectorOf(Integer[] items) {
        PersistentVector v = PersistentVector.EMPTY;
        for (Integer item : items) {
            v = v.cons(item);
        }
        return v;
    }

    /** Inside a transaction: pops the last item of {@code from} and appends it to {@code to}. */
    private static Object move(Ref from, Ref to) {
        PersistentVector source = (PersistentVector) from.deref();
        Object item = source.nth(source.count() - 1);
        from.set(source.pop());
        return to.set(((PersistentVector) to.deref()).cons(item));
    }

    @Override
    public ListPair newLists(Integer[] first, Integer[] second) {
        Ref a = new Ref(vectorOf(first));
        Ref b = new Ref(vectorOf(second));
        return new ListPair() {
            @Override
            public Client client(Tally tally) {
                Callable<Object> aToB = () -> {
                    tally.attempts++;
                    return move(a, b);
                };
                Callable<Object> bToA = () -> {
                    tally.attempts++;
                    return move(b, a);
                };
                return forth -> dosync(forth ? aToB : bToA);
            }

            @Override
            public List<Integer> items() {
                List<Integer> all = new ArrayList<>();
                for (Ref list : List.of(a, b)) {
                    for (Object item : (PersistentVector) list.deref()) {
                        all.add((Integer) item);
                    }
                }
                return all;
            }
        };
    }

    private static IPersistentMap mapOf(Integer[] keys, Long[] values) {
        IPersistentMap m = PersistentHashMap.EMPTY;
        for (int i = 0; i < keys.length; i++) {
            m = m.assoc(keys[i], values[i]);
        }
        return m;
    }

    private static Map<Integer, Long> copyOf(Ref ref) {
        Map<Integer, Long> copy = new LinkedHashMap<>();
        for (Object o : (Iterable<?>) ref.deref()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            copy.put((Integer) e.getKey(), (Long) e.getValue());
        }
        return copy;
    }

    @Override
    public Dict newDict(Integer[] keys, Long[] values) {
        Ref d = new Ref(mapOf(keys, values));
        return new Dict() {
            @Override
            public Client client(Tally tally) {
                return new DictClient(d, tally);
            }

            @Override
            public Map<Integer, Long> contents() {
                return copyOf(d);
            }
        };
    }

    /** One thread's dict operations; arguments go through fields so the blocks are created once. */
    private static final class DictClient extends DictArguments {
        private final Ref d;
        private final Tally tally;
        private final Callable<Object> put;
        private final Callable<Object> increment;
        private final Callable<Object> transfer;
        private final Callable<Long> sum;

        DictClient(Ref d, Tally tally) {
            this.d = d;
            this.tally = tally;
            put = () -> {
                tally.attempts++;
                return d.set(((IPersistentMap) d.deref()).assoc(key, value));
            };
            increment = () -> {
                tally.attempts++;
                IPersistentMap m = (IPersistentMap) d.deref();
                Integer k = key;
                return d.set(m.assoc(k, Values.next((Long) m.valAt(k))));
            };
            transfer = () -> {
                tally.attempts++;
                IPersistentMap m = (IPersistentMap) d.deref();
                Integer from = key;
                Integer t = to;
                long a = amount;
                m = m.assoc(from, (Long) m.valAt(from) - a);
                return d.set(m.assoc(t, (Long) m.valAt(t) + a));
            };
            sum = () -> {
                tally.attempts++;
                long total = 0;
                for (Object o : (Iterable<?>) d.deref()) {
                    total += (Long) ((Map.Entry<?, ?>) o).getValue();
                }
                return total;
            };
        }

        @Override
        public Long get(Integer k) {
            tally.attempts++;
            return (Long) ((IPersistentMap) d.deref()).valAt(k);
        }

        @Override
        public void put(Integer k, Long v) {
            key = k;
            value = v;
            dosync(put);
        }

        @Override
        public void increment(Integer k) {
            key = k;
            dosync(increment);
        }

        @Override
        public void transfer(Integer from, Integer t, long a) {
            key = from;
            to = t;
            amount = a;
            dosync(transfer);
        }

        @Override
        public long sum() {
            return dosync(sum);
        }
    }

    /** Inside a transaction: {@code (alter target merge @source)}. */
    private static Object update(Ref target, Ref source) {
        IPersistentMap m = (IPersistentMap) target.deref();
        for (Object o : (Iterable<?>) source.deref()) {
            Map.Entry<?, ?> e = (Map.Entry<?, ?>) o;
            m = m.assoc(e.getKey(), e.getValue());
        }
        return target.set(m);
    }

    @Override
    public DictPair newDicts(Integer[] keys, Long[] firstValues, Long[] secondValues) {
        Ref a = new Ref(mapOf(keys, firstValues));
        Ref b = new Ref(mapOf(keys, secondValues));
        return new DictPair() {
            @Override
            public Client client(Tally tally) {
                Callable<Object> aFromB = () -> {
                    tally.attempts++;
                    return update(a, b);
                };
                Callable<Object> bFromA = () -> {
                    tally.attempts++;
                    return update(b, a);
                };
                return forth -> dosync(forth ? aFromB : bFromA);
            }

            @Override
            public Map<Integer, Long> contents(int which) {
                return copyOf(which == 0 ? a : b);
            }
        };
    }
}
