package org.stm4j.jmh.collections;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.stm4j.Stm;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;
import org.stm4j.collections.TQueue;
import org.stm4j.collections.TSet;

/**
 * The four ways of making collection operations atomic that the collection benchmarks compare,
 * selected by the benchmarks' {@code impl} parameter:
 * <ul>
 * <li>{@code stm}: {@code TList}/{@code TDict}/{@code TSet}/{@code TQueue}; a single operation is
 *     called as is (it is its own transaction), a compound one runs in {@code Stm.atomic}.</li>
 * <li>{@code unsync}: {@code ArrayList}/{@code HashMap}/{@code HashSet}/{@code ArrayDeque} with no
 *     synchronization at all: the single-thread limit. Refused at more than one thread.</li>
 * <li>{@code globalLock}: the same JDK collections, every operation under one
 *     {@link ReentrantLock} shared by all collections and threads (CPython's GIL model).</li>
 * <li>{@code perObjectLock}: the same JDK collections, each guarded by its own lock (Jython's model;
 *     the operations measured here touch one collection each — the two-collection workloads, with
 *     locks taken in a global order, are in {@code org.stm4j.jmh.peers}).</li>
 * </ul>
 * A benchmark writes each workload once, against {@code List}/{@code Map}, as a {@code Runnable}
 * created in {@code @Setup} (nothing is allocated or captured per call), and hands it to
 * {@link #single} (one collection operation) or {@link #atomic} (a compound block). The few Python
 * operations {@code java.util} lacks ({@code pop()}, {@code append}) go through
 * the model too, so the stm rows call exactly what a Python programmer writes. Within one JMH fork
 * every call site sees a single model and a single collection class, so it stays monomorphic.
 */
abstract class SyncModel {

    /** The values of the benchmarks' {@code impl} parameter. */
    static final String STM = "stm";
    static final String UNSYNC = "unsync";
    static final String GLOBAL_LOCK = "globalLock";
    static final String PER_OBJECT_LOCK = "perObjectLock";

    /**
     * The model named {@code name}, for a benchmark run with {@code threads} threads.
     *
     * @throws IllegalStateException for {@code unsync} at more than one thread (run it with -t 1)
     */
    static SyncModel of(String name, int threads) {
        switch (name) {
            case STM:
                return new Transactional();
            case UNSYNC:
                if (threads > 1) {
                    throw new IllegalStateException("impl=unsync is not thread-safe and only measured with"
                            + " -t 1 (it was asked for " + threads + " threads); for -t 2 and -t 4 pass"
                            + " -p impl=stm,globalLock,perObjectLock");
                }
                return new Unsynchronized();
            case GLOBAL_LOCK:
                return new GlobalLock();
            case PER_OBJECT_LOCK:
                return new PerObjectLock();
            default:
                throw new IllegalArgumentException("unknown impl '" + name + "': expected one of "
                        + STM + ", " + UNSYNC + ", " + GLOBAL_LOCK + ", " + PER_OBJECT_LOCK);
        }
    }

    /** A new empty dict: a {@code TDict} for stm, a {@code HashMap} otherwise. */
    abstract <K, V> Map<K, V> newDict();

    /** A new empty list: a {@code TList} for stm, an {@code ArrayList} otherwise. */
    abstract <E> List<E> newList();

    /** A new empty set: a {@code TSet} for stm, a {@code HashSet} otherwise. */
    abstract <E> Set<E> newSet();

    /** A new empty FIFO queue: a {@code TQueue} of that capacity for stm, an {@code ArrayDeque} otherwise. */
    abstract <E> Queue<E> newQueue(int capacity);

    /** Python's {@code l.pop()}: removes and returns the last element. */
    abstract <E> E pop(List<E> list);

    /** Python's {@code l.append(e)}. */
    abstract <E> void append(List<E> list, E e);

    /** Runs {@code op}, one operation on the collection that {@code lock} guards. */
    abstract void single(Runnable op, RankedLock lock);

    /** Runs {@code block}, several operations on the collection that {@code lock} guards, atomically. */
    abstract void atomic(Runnable block, RankedLock lock);


    /** {@code TList}, {@code TDict}...: each operation its own transaction, a block {@code Stm.atomic}. */
    static final class Transactional extends SyncModel {
        @Override
        <K, V> Map<K, V> newDict() {
            return new TDict<>();
        }

        @Override
        <E> List<E> newList() {
            return new TList<>();
        }

        @Override
        <E> Set<E> newSet() {
            return new TSet<>();
        }

        @Override
        <E> Queue<E> newQueue(int capacity) {
            return new TQueue<>(capacity);
        }

        @Override
        <E> E pop(List<E> list) {
            return ((TList<E>) list).pop();
        }

        @Override
        <E> void append(List<E> list, E e) {
            ((TList<E>) list).append(e);
        }

        @Override
        void single(Runnable op, RankedLock lock) {
            op.run();
        }

        @Override
        void atomic(Runnable block, RankedLock lock) {
            Stm.atomic(block);
        }
    }

    /** The JDK collections of the three non-transactional models. */
    abstract static class Jdk extends SyncModel {
        @Override
        final <K, V> Map<K, V> newDict() {
            return new HashMap<>();
        }

        @Override
        final <E> List<E> newList() {
            return new ArrayList<>();
        }

        @Override
        final <E> Set<E> newSet() {
            return new HashSet<>();
        }

        @Override
        final <E> Queue<E> newQueue(int capacity) {
            return new ArrayDeque<>(capacity);
        }

        @Override
        final <E> E pop(List<E> list) {
            return list.remove(list.size() - 1);
        }

        @Override
        final <E> void append(List<E> list, E e) {
            list.add(e);
        }

        @Override
        final void single(Runnable op, RankedLock lock) {
            atomic(op, lock);
        }
    }

    /** No synchronization: correct with one thread only. */
    static final class Unsynchronized extends Jdk {
        @Override
        void atomic(Runnable block, RankedLock lock) {
            block.run();
        }
    }

    /** One lock for everything; the collections' own locks are ignored. */
    static final class GlobalLock extends Jdk {
        private final ReentrantLock global = new ReentrantLock();

        @Override
        void atomic(Runnable block, RankedLock lock) {
            ReentrantLock g = global;
            g.lock();
            try {
                block.run();
            } finally {
                g.unlock();
            }
        }
    }

    /** Each collection's own lock. */
    static final class PerObjectLock extends Jdk {
        @Override
        void atomic(Runnable block, RankedLock lock) {
            lock.lock();
            try {
                block.run();
            } finally {
                lock.unlock();
            }
        }

    }
}
