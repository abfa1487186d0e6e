package org.stm4j.jmh.threads;

import static org.stm4j.Stm.atomic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.stm4j.collections.TDict;
import org.stm4j.collections.TList;
import scala.collection.SeqOps;
import scala.collection.immutable.Vector;
import scala.collection.immutable.Vector$;
import scala.concurrent.stm.Ref;
import scala.concurrent.stm.japi.STM;

/**
 * The shared state of {@link RequestPerThreadBenchmark} and its one request: count the request
 * under its key ({@code id mod} {@value RequestPerThreadBenchmark#KEYS}) and append its id to a
 * log (public only because JMH's generated code names {@link Kind}). Written as a user writes a request handler: the blocks are lambdas created per call that
 * capture the key and id, the values are boxed fresh ({@code id} as an {@code Integer}, the count
 * as a {@code Long}).
 */
public abstract class RequestService {

    /** The implementations, the benchmark's {@code impl} parameter. */
    public enum Kind {
        /** {@code TDict} + {@code TList}, two {@code Stm.atomic} blocks per request. */
        STM4J(Stm4j::new),
        /** {@code ConcurrentHashMap.merge} + a {@code synchronized} {@code ArrayList}. */
        BASELINE(Baseline::new),
        /** ScalaSTM 0.11: a {@code TMap.View} and a {@code Ref.View<Vector>}, two {@code STM.atomic} blocks. */
        SCALA_STM(ScalaStm::new);

        private final Supplier<RequestService> factory;

        Kind(Supplier<RequestService> factory) {
            this.factory = factory;
        }

        /** A new, empty service. */
        RequestService create() {
            return factory.get();
        }
    }

    /** Serves request {@code id}. */
    abstract void handle(int id);

    /** The sum of all counts (called after the requests ended). */
    abstract long countSum();

    /** The length of the log (called after the requests ended). */
    abstract long logLength();

    /** The key of request {@code id}. */
    static Integer keyOf(int id) {
        return id & (RequestPerThreadBenchmark.KEYS - 1);
    }

    /** stm4j. */
    static final class Stm4j extends RequestService {
        private final TDict<Integer, Long> counts = new TDict<>();
        private final TList<Integer> log = new TList<>();

        @Override
        void handle(int id) {
            Integer key = keyOf(id);
            atomic(() -> counts.put(key, counts.get(key, 0L) + 1));
            atomic(() -> log.append(id));
        }

        @Override
        long countSum() {
            return atomic(() -> {
                long sum = 0;
                for (Long c : counts.values()) {
                    sum += c;
                }
                return sum;
            });
        }

        @Override
        long logLength() {
            return log.len();
        }
    }

    /** {@code ConcurrentHashMap} + a lock. */
    static final class Baseline extends RequestService {
        private final ConcurrentHashMap<Integer, Long> counts = new ConcurrentHashMap<>();
        private final List<Integer> log = new ArrayList<>();

        @Override
        void handle(int id) {
            counts.merge(keyOf(id), 1L, Long::sum);
            synchronized (log) {
                log.add(id);
            }
        }

        @Override
        long countSum() {
            long sum = 0;
            for (Long c : counts.values()) {
                sum += c;
            }
            return sum;
        }

        @Override
        long logLength() {
            synchronized (log) {
                return log.size();
            }
        }
    }

    /** ScalaSTM through {@code scala.concurrent.stm.japi.STM}. */
    static final class ScalaStm extends RequestService {
        private final Map<Integer, Long> counts = STM.newMap();
        private final Ref.View<Vector<Integer>> log = STM.newRef(Vector$.MODULE$.empty());

        /**
         * {@code v :+ item}, called through {@code SeqOps}: on {@code Vector} javac sees the generic
         * {@code appended} and its bridge and refuses the call as ambiguous.
         */
        @SuppressWarnings("unchecked")
        private static Vector<Integer> append(Vector<Integer> v, Integer item) {
            SeqOps<Integer, ?, ?> ops = v;
            return (Vector<Integer>) ops.appended(item);
        }

        @Override
        void handle(int id) {
            Integer key = keyOf(id);
            STM.atomic(() -> {
                counts.put(key, counts.getOrDefault(key, 0L) + 1);
            });
            STM.atomic(() -> {
                log.set(append(log.get(), id));
            });
        }

        @Override
        long countSum() {
            return STM.atomic(() -> {
                long sum = 0;
                for (Long c : counts.values()) {
                    sum += c;
                }
                return sum;
            });
        }

        @Override
        long logLength() {
            return log.get().length();
        }
    }
}
