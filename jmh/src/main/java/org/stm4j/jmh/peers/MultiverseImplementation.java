package org.stm4j.jmh.peers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.multiverse.api.GlobalStmInstance;
import org.multiverse.api.StmUtils;
import org.multiverse.api.Txn;
import org.multiverse.api.callables.TxnCallable;
import org.multiverse.api.callables.TxnVoidCallable;
import org.multiverse.api.references.TxnRef;
import org.multiverse.collections.NaiveTxnHashMap;
import org.multiverse.collections.NaiveTxnLinkedList;

/**
 * Multiverse 0.7.0 (its GammaStm, the global instance) through {@code StmUtils.atomic} with
 * {@code TxnCallable}/{@code TxnVoidCallable} blocks and the explicit-{@code Txn} accessors: a
 * {@code TxnRef} for the variable, its transactional collections for the rest —
 * {@code NaiveTxnLinkedList} (a {@code TxnList}/{@code TxnDeque}) and {@code NaiveTxnHashMap}
 * (a {@code TxnMap}), the implementations its {@code TxnCollectionsFactory} hands out. Every
 * operation, single lookups included, runs in {@code StmUtils.atomic}: the collections need a
 * transaction.
 *
 * <p>{@code NaiveTxnHashMap} 0.7.0 does not implement iteration ({@code values()},
 * {@code entrySet()} throw {@code TodoException}), so the sum, {@code update} and the copies
 * visit the dict's known keys with {@code get} — cheaper than a real iteration would be.
 */
final class MultiverseImplementation implements Implementation {

    @Override
    public SharedVar newVar(Long initial) {
        TxnRef<Long> var = StmUtils.newTxnRef(initial);
        return new SharedVar() {
            @Override
            public Client client(Tally tally) {
                TxnCallable<Long> read = txn -> {
                    tally.attempts++;
                    return var.get(txn);
                };
                TxnVoidCallable increment = txn -> {
                    tally.attempts++;
                    var.set(txn, Values.next(var.get(txn)));
                };
                return new Client() {
                    @Override
                    public Long read() {
                        return StmUtils.atomic(read);
                    }

                    @Override
                    public void increment() {
                        StmUtils.atomic(increment);
                    }
                };
            }

            @Override
            public Long value() {
                return var.atomicGet();
            }
        };
    }

    private static NaiveTxnLinkedList<Integer> listOf(Integer[] items) {
        NaiveTxnLinkedList<Integer> list = new NaiveTxnLinkedList<>(GlobalStmInstance.getGlobalStmInstance());
        StmUtils.atomic((TxnVoidCallable) txn -> {
            for (Integer item : items) {
                list.addLast(txn, item);
            }
        });
        return list;
    }

    @Override
    public ListPair newLists(Integer[] first, Integer[] second) {
        NaiveTxnLinkedList<Integer> a = listOf(first);
        NaiveTxnLinkedList<Integer> b = listOf(second);
        return new ListPair() {
            @Override
            public Client client(Tally tally) {
                TxnVoidCallable aToB = txn -> {
                    tally.attempts++;
                    b.addLast(txn, a.removeLast(txn));
                };
                TxnVoidCallable bToA = txn -> {
                    tally.attempts++;
                    a.addLast(txn, b.removeLast(txn));
                };
                return forth -> StmUtils.atomic(forth ? aToB : bToA);
            }

            @Override
            public List<Integer> items() {
                return StmUtils.atomic((TxnCallable<List<Integer>>) txn -> {
                    List<Integer> all = new ArrayList<>();
                    for (NaiveTxnLinkedList<Integer> list : List.of(a, b)) {
                        int n = list.size(txn);
                        for (int i = 0; i < n; i++) {
                            all.add(list.get(txn, i));
                        }
                    }
                    return all;
                });
            }
        };
    }

    private static NaiveTxnHashMap<Integer, Long> mapOf(Integer[] keys, Long[] values) {
        NaiveTxnHashMap<Integer, Long> map = new NaiveTxnHashMap<>(GlobalStmInstance.getGlobalStmInstance());
        StmUtils.atomic((TxnVoidCallable) txn -> {
            for (int i = 0; i < keys.length; i++) {
                map.put(txn, keys[i], values[i]);
            }
        });
        return map;
    }

    private static Map<Integer, Long> copyOf(NaiveTxnHashMap<Integer, Long> map, Integer[] keys) {
        return StmUtils.atomic((TxnCallable<Map<Integer, Long>>) txn -> {
            Map<Integer, Long> copy = new LinkedHashMap<>();
            for (Integer key : keys) {
                Long value = map.get(txn, key);
                if (value != null) {
                    copy.put(key, value);
                }
            }
            if (map.size(txn) != copy.size()) {
                throw new IllegalStateException("the map holds " + map.size(txn) + " keys, " + copy.size() + " expected ones");
            }
            return copy;
        });
    }

    /** Inside {@code txn}: {@code target.update(source)} over the keys both hold. */
    private static void update(Txn txn, NaiveTxnHashMap<Integer, Long> target, NaiveTxnHashMap<Integer, Long> source,
            Integer[] keys) {
        for (Integer key : keys) {
            target.put(txn, key, source.get(txn, key));
        }
    }

    @Override
    public Dict newDict(Integer[] keys, Long[] values) {
        NaiveTxnHashMap<Integer, Long> d = mapOf(keys, values);
        return new Dict() {
            @Override
            public Client client(Tally tally) {
                return new DictClient(d, keys, tally);
            }

            @Override
            public Map<Integer, Long> contents() {
                return copyOf(d, keys);
            }
        };
    }

    /** One thread's dict operations; arguments go through fields so the blocks are created once. */
    private static final class DictClient extends DictArguments {
        private final TxnCallable<Long> get;
        private final TxnVoidCallable put;
        private final TxnVoidCallable increment;
        private final TxnVoidCallable transfer;
        private final TxnCallable<Long> sum;

        DictClient(NaiveTxnHashMap<Integer, Long> d, Integer[] keys, Tally tally) {
            get = txn -> {
                tally.attempts++;
                return d.get(txn, key);
            };
            put = txn -> {
                tally.attempts++;
                d.put(txn, key, value);
            };
            increment = txn -> {
                tally.attempts++;
                Integer k = key;
                d.put(txn, k, Values.next(d.get(txn, k)));
            };
            transfer = txn -> {
                tally.attempts++;
                Integer from = key;
                Integer t = to;
                long a = amount;
                d.put(txn, from, d.get(txn, from) - a);
                d.put(txn, t, d.get(txn, t) + a);
            };
            sum = txn -> {
                tally.attempts++;
                long total = 0;
                for (Integer k : keys) {
                    total += d.get(txn, k);
                }
                return total;
            };
        }

        @Override
        public Long get(Integer k) {
            key = k;
            return StmUtils.atomic(get);
        }

        @Override
        public void put(Integer k, Long v) {
            key = k;
            value = v;
            StmUtils.atomic(put);
        }

        @Override
        public void increment(Integer k) {
            key = k;
            StmUtils.atomic(increment);
        }

        @Override
        public void transfer(Integer from, Integer t, long a) {
            key = from;
            to = t;
            amount = a;
            StmUtils.atomic(transfer);
        }

        @Override
        public long sum() {
            return StmUtils.atomic(sum);
        }
    }

    @Override
    public DictPair newDicts(Integer[] keys, Long[] firstValues, Long[] secondValues) {
        NaiveTxnHashMap<Integer, Long> a = mapOf(keys, firstValues);
        NaiveTxnHashMap<Integer, Long> b = mapOf(keys, secondValues);
        return new DictPair() {
            @Override
            public Client client(Tally tally) {
                TxnVoidCallable aFromB = txn -> {
                    tally.attempts++;
                    update(txn, a, b, keys);
                };
                TxnVoidCallable bFromA = txn -> {
                    tally.attempts++;
                    update(txn, b, a, keys);
                };
                return forth -> StmUtils.atomic(forth ? aFromB : bFromA);
            }

            @Override
            public Map<Integer, Long> contents(int which) {
                return copyOf(which == 0 ? a : b, keys);
            }
        };
    }
}
