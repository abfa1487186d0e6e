package org.stm4j.jmh.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import scala.collection.Iterator;
import scala.collection.SeqOps;
import scala.collection.immutable.Vector;
import scala.collection.immutable.Vector$;
import scala.concurrent.stm.Ref;
import scala.concurrent.stm.japi.STM;

/**
 * ScalaSTM 0.11.1 through its Java API {@code scala.concurrent.stm.japi.STM}: a {@code Ref.View}
 * for the variable; for a list, a {@code Ref.View} holding an immutable Scala {@code Vector} (ScalaSTM
 * has no growable transactional sequence; {@code TArray} is fixed-length); for a dict,
 * {@code STM.newMap()}, a {@code java.util.Map} over a {@code TMap.View}. Compound operations run in
 * {@code STM.atomic}; single dict operations on the view are ScalaSTM's own single-operation
 * transactions, as {@code TDict.get} is stm4j's.
 */
final class ScalaStmImplementation implements Implementation {

    @Override
    public SharedVar newVar(Long initial) {
        Ref.View<Long> var = STM.newRef(initial);
        return new SharedVar() {
            @Override
            public Client client(Tally tally) {
                Callable<Long> read = () -> {
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
                        return STM.atomic(read);
                    }

                    @Override
                    public void increment() {
                        STM.atomic(increment);
                    }
                };
            }

            @Override
            public Long value() {
                return var.get();
            }
        };
    }

    /**
     * {@code v :+ item}. Called through {@code SeqOps}: on {@code Vector} itself javac sees two
     * {@code appended} methods (the generic one and a bridge) and refuses the call as ambiguous.
     */
    @SuppressWarnings("unchecked")
    private static Vector<Integer> append(Vector<Integer> v, Integer item) {
        SeqOps<Integer, ?, ?> ops = v;
        return (Vector<Integer>) ops.appended(item);
    }

    private static Vector<Integer> vectorOf(Integer[] items) {
        Vector<Integer> v = Vector$.MODULE$.empty();
        for (Integer item : items) {
            v = append(v, item);
        }
        return v;
    }

    @Override
    public ListPair newLists(Integer[] first, Integer[] second) {
        Ref.View<Vector<Integer>> a = STM.newRef(vectorOf(first));
        Ref.View<Vector<Integer>> b = STM.newRef(vectorOf(second));
        return new ListPair() {
            @Override
            public Client client(Tally tally) {
                Runnable aToB = () -> {
                    tally.attempts++;
                    move(a, b);
                };
                Runnable bToA = () -> {
                    tally.attempts++;
                    move(b, a);
                };
                return forth -> STM.atomic(forth ? aToB : bToA);
            }

            @Override
            public List<Integer> items() {
                List<Integer> all = new ArrayList<>();
                for (Ref.View<Vector<Integer>> list : List.of(a, b)) {
                    Iterator<Integer> it = list.get().iterator();
                    while (it.hasNext()) {
                        all.add(it.next());
                    }
                }
                return all;
            }
        };
    }

    /** Inside a transaction: pops the last item of {@code from} and appends it to {@code to}. */
    private static void move(Ref.View<Vector<Integer>> from, Ref.View<Vector<Integer>> to) {
        Vector<Integer> source = from.get();
        Integer item = source.last();
        from.set(source.init());
        to.set(append(to.get(), item));
    }

    private static Map<Integer, Long> newMap(Integer[] keys, Long[] values) {
        Map<Integer, Long> map = STM.newMap();
        STM.atomic(() -> {
            for (int i = 0; i < keys.length; i++) {
                map.put(keys[i], values[i]);
            }
        });
        return map;
    }

    @Override
    public Dict newDict(Integer[] keys, Long[] values) {
        Map<Integer, Long> d = newMap(keys, values);
        return new Dict() {
            @Override
            public Client client(Tally tally) {
                return new DictClient(d, tally);
            }

            @Override
            public Map<Integer, Long> contents() {
                return STM.atomic(() -> new LinkedHashMap<>(d));
            }
        };
    }

    /** One thread's dict operations: a {@link MapClient} whose blocks run in {@code STM.atomic}. */
    private static final class DictClient extends MapClient {
        private final Callable<Long> sumCall = sum::get;

        DictClient(Map<Integer, Long> d, Tally tally) {
            super(d, tally);
        }

        @Override
        void atomically(Runnable block) {
            STM.atomic(block);
        }

        @Override
        long sumAtomically() {
            return STM.atomic(sumCall);
        }
    }

    @Override
    public DictPair newDicts(Integer[] keys, Long[] firstValues, Long[] secondValues) {
        Map<Integer, Long> a = newMap(keys, firstValues);
        Map<Integer, Long> b = newMap(keys, secondValues);
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
                return forth -> STM.atomic(forth ? aFromB : bFromA);
            }

            @Override
            public Map<Integer, Long> contents(int which) {
                Map<Integer, Long> d = which == 0 ? a : b;
                return STM.atomic(() -> new LinkedHashMap<>(d));
            }
        };
    }
}
